/**
 * Turns what came back from TPN (or what went wrong on the way) into one of the errors in errors.ts,
 * following the spec: 5xx and timeouts are transient, 408 too, 429 is rate limiting, other 4xx are
 * permanent. Statuses the spec never mentions (3xx, 1xx) are treated as permanent: retrying cannot
 * fix a contract violation.
 */
import type { z } from "zod";
import { TpnRateLimitedError, TpnRejectedError, TpnTransientError, TpnUnreadableResponseError, type TpnError } from "./errors";
import { parseRateLimitHeaders, retryAfterSeconds } from "./rate-limit-headers";
import { errorBodySchema } from "./schemas";

/** `body` is what openapi-fetch made of a non-2xx body: parsed JSON, or the raw text if it was not JSON. */
export function errorForStatus(response: Response, body: unknown): TpnError {
  const { status, headers } = response;
  const rateLimit = parseRateLimitHeaders(headers);
  const parsed = errorBodySchema.safeParse(body);
  const tpn = parsed.success ? parsed.data.error : undefined;
  const details = { rateLimit, requestId: tpn?.requestId, tpnCode: tpn?.code };

  if (status === 429) return new TpnRateLimitedError(retryAfterSeconds(headers), details);
  if (status >= 500) return new TpnTransientError("server_error", `TPN answered HTTP ${status}${tpn ? ` ${tpn.code}` : ""}`, { ...details, status });
  if (status === 408) return new TpnTransientError("request_timeout", "TPN answered HTTP 408 (request timeout)", { ...details, status });
  return new TpnRejectedError(status, { ...details, tpnMessage: tpn?.message, field: tpn?.field });
}

/**
 * An error thrown by fetch or while reading the body. Our own timeout and a dropped connection are
 * transient; the caller cancelling is not a TPN failure and is passed on untouched.
 */
export function errorForThrown(error: unknown, context: { timeoutSignal: AbortSignal; timeoutMs: number; callerSignal?: AbortSignal }): unknown {
  if (context.callerSignal?.aborted && !context.timeoutSignal.aborted) return context.callerSignal.reason ?? error;
  if (context.timeoutSignal.aborted) {
    return new TpnTransientError("timeout", `TPN did not answer within ${context.timeoutMs} ms`, { cause: error });
  }
  // undici reports connection failures as TypeError("fetch failed") with the socket error as cause.
  const code = networkErrorCode(error);
  return new TpnTransientError("network", `TPN could not be reached${code ? ` (${code})` : ""}`, { cause: error });
}

function networkErrorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause && typeof cause === "object" && "code" in cause ? cause.code : undefined;
  return typeof code === "string" && /^[A-Z_]+$/.test(code) ? code : undefined;
}

/**
 * Reads a 2xx body against its schema. The JSON parser's own error is deliberately dropped: V8 quotes
 * the offending text in it, and that text is bureau data.
 */
export function readReport<T>(text: unknown, schema: z.ZodType<T>, response: Response): T {
  const details = { status: response.status, rateLimit: parseRateLimitHeaders(response.headers) };
  if (typeof text !== "string" || text === "") throw new TpnUnreadableResponseError(details);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TpnUnreadableResponseError(details);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join("."), code: issue.code }));
    throw new TpnUnreadableResponseError({ ...details, issues });
  }
  return parsed.data;
}

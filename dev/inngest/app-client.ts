/**
 * One request from the executor to an app's serve handler, and the decoding of its answer.
 *
 * Request (what `parseFnData` in the SDK's helpers/functions.ts reads):
 *   POST <step url>?fnId=<fn>&stepId=<"step" | hashed step id>
 *   { version, event, events, steps, ctx: { run_id, attempt, max_attempts,
 *     disable_immediate_execution, use_api: false, stack: { stack, current } } }
 *   `steps` maps hashed step ids to `{ type: "data", data }` / `{ type: "error", error }`
 *   (api/schema.ts `stepSchema`). `version: -1` lets the SDK pick (createVersionSchema); the
 *   version it used comes back in `x-inngest-req-version` and is sent on later requests.
 *   `ctx.fn_id` is deliberately NOT sent: InngestFunction.ts `shouldAsyncCheckpoint` only turns on
 *   checkpointing (which calls `/v1/checkpoint` APIs this stand-in doesn't have) when it is present.
 *   `x-inngest-signature` is not sent: in dev mode InngestCommHandler.ts `validateSignature` skips
 *   verification (`client.mode !== "cloud"`).
 *
 * Response (InngestCommHandler.ts `resultHandlers`):
 *   200 → function returned (body = output);  206 → JSON array of OutgoingOp;
 *   500 + `x-inngest-no-retry: false` → retriable error;  400 + `x-inngest-no-retry: true` → final;
 *   `retry-after` (seconds or ISO date, RetryAfterError.ts) on retriable errors;
 *   201 → streamed response (helpers/stream.ts): whitespace heartbeats then `{status, headers, body}`.
 */
import { parseRetryAfter } from "./duration";
import { outgoingOpsSchema, type OutgoingOp, type SerializedError, streamedResponseSchema, toSerializedError } from "./schemas";

export type MemoStep = { type: "data"; data: unknown } | { type: "error"; error: SerializedError };

export interface ExecutionRequest {
  url: string;
  fnId: string;
  stepId: string;
  version: number;
  event: Record<string, unknown>;
  events: Record<string, unknown>[];
  steps: Record<string, MemoStep>;
  /** Hashed ids of `defer()` ops already received (FnData `defers`, helpers/functions.ts). */
  defers: Record<string, Record<string, never>>;
  runId: string;
  attempt: number;
  maxAttempts: number;
  disableImmediateExecution: boolean;
  stack: string[];
  now: number;
  signal?: AbortSignal;
}

export type AppResponse =
  | { kind: "complete"; data: unknown; version: number | undefined }
  | { kind: "ops"; ops: OutgoingOp[]; retriable: boolean; retryAfterMs: number | undefined; version: number | undefined }
  | {
      kind: "error";
      error: SerializedError;
      retriable: boolean;
      retryAfterMs: number | undefined;
      status: number;
      version: number | undefined;
    };

const REQUEST_TIMEOUT_MS = 15 * 60 * 1000;

export function stepRequestUrl(stepUrl: string, fnId: string, stepId: string): string {
  const url = new URL(stepUrl);
  url.searchParams.set("fnId", fnId);
  url.searchParams.set("stepId", stepId);
  return url.href;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function decode(status: number, headers: Headers | Record<string, string>, body: string, now: number): AppResponse {
  const header = (name: string): string | null =>
    headers instanceof Headers
      ? headers.get(name)
      : (Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? null);
  const rawVersion = Number(header("x-inngest-req-version"));
  const version = Number.isInteger(rawVersion) && rawVersion > 0 ? rawVersion : undefined;
  const noRetry = header("x-inngest-no-retry");
  const retryAfterMs = parseRetryAfter(header("retry-after"), now);
  const json = parseJson(body);

  if (status === 201) {
    const inner = json.ok ? streamedResponseSchema.safeParse(json.value) : undefined;
    if (inner?.success) return decode(inner.data.status, inner.data.headers ?? {}, inner.data.body, now);
  }
  if (status === 200 && json.ok) return { kind: "complete", data: json.value, version };
  if (status === 206 && json.ok) {
    const ops = outgoingOpsSchema.safeParse(json.value);
    if (ops.success) return { kind: "ops", ops: ops.data, retriable: noRetry !== "true", retryAfterMs, version };
  }
  const fallback = status >= 200 && status < 300 ? `unexpected response body (HTTP ${status})` : `HTTP ${status}`;
  return {
    kind: "error",
    error: toSerializedError(json.ok ? json.value : undefined, fallback),
    // The SDK marks final failures with `x-inngest-no-retry: true`; anything else may be retried.
    retriable: noRetry !== "true",
    retryAfterMs,
    status,
    version,
  };
}

export async function callApp(request: ExecutionRequest): Promise<AppResponse> {
  const body = {
    version: request.version,
    event: request.event,
    events: request.events,
    steps: request.steps,
    defers: request.defers,
    ctx: {
      run_id: request.runId,
      attempt: request.attempt,
      max_attempts: request.maxAttempts,
      disable_immediate_execution: request.disableImmediateExecution,
      use_api: false,
      stack: { stack: request.stack, current: Math.max(0, request.stack.length - 1) },
    },
  };
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-inngest-server-kind": "dev",
  };
  if (request.version > 0) headers["x-inngest-req-version"] = String(request.version);
  const signals = [AbortSignal.timeout(REQUEST_TIMEOUT_MS)];
  if (request.signal) signals.push(request.signal);
  try {
    const response = await fetch(stepRequestUrl(request.url, request.fnId, request.stepId), {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
    const text = await response.text();
    return decode(response.status, response.headers, text, request.now);
  } catch (err) {
    const message = err instanceof Error ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ""}` : "request failed";
    return {
      kind: "error",
      error: { name: "AppUnreachableError", message: `could not reach the app: ${message}` },
      retriable: true,
      retryAfterMs: undefined,
      status: 0,
      version: undefined,
    };
  }
}

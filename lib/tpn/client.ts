/**
 * The TPN client: one code path for the real TPN and the local sandbox (only the base URL and key
 * differ). Built on openapi-fetch with the types generated from the contract, so a path, header or
 * body that does not match the spec fails to compile.
 *
 * Every call: sends X-API-Key and the caller's Idempotency-Key; gives up after `timeoutMs` (including
 * reading the body); runs through the circuit breaker; validates a 2xx body against the zod mirror of
 * the spec; returns the RateLimit-* headers with the data. Failures are thrown as the types in
 * errors.ts. Nothing here retries: the durable workflow does (see backoff.ts).
 */
import createClient from "openapi-fetch";
import { createTpnBreaker, type TpnBreaker, type TpnBreakerOptions, type TpnCircuitState } from "./breaker";
import { errorForStatus, errorForThrown, readReport } from "./classify";
import { TpnError } from "./errors";
import { parseRateLimitHeaders } from "./rate-limit-headers";
import type { paths } from "./schema";
import { commercialReportSchema, consumerReportSchema, idempotencyKeySchema } from "./schemas";
import type { CommercialEnquiryRequest, CommercialReport, ConsumerEnquiryRequest, ConsumerReport, TpnCallOptions, TpnResult } from "./types";

export interface TpnClientOptions {
  /** Including the version path, e.g. https://api.tpn.example/v1. */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** For tests; defaults to the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /** Breaker tuning, or an existing breaker to share between clients. */
  breaker?: TpnBreakerOptions | TpnBreaker;
}

export interface TpnClient {
  consumerEnquiry(request: ConsumerEnquiryRequest, options: TpnCallOptions): Promise<TpnResult<ConsumerReport>>;
  commercialEnquiry(request: CommercialEnquiryRequest, options: TpnCallOptions): Promise<TpnResult<CommercialReport>>;
  /** Whether TPN answers its health check within the timeout; bypasses the breaker (it is a probe). */
  health(options?: { signal?: AbortSignal }): Promise<boolean>;
  circuitState(): TpnCircuitState;
}

function isBreaker(value: TpnBreakerOptions | TpnBreaker | undefined): value is TpnBreaker {
  return typeof value === "object" && "run" in value && typeof value.run === "function";
}

export function createTpnClient(options: TpnClientOptions): TpnClient {
  const { apiKey, timeoutMs } = options;
  if (!apiKey) throw new TypeError("createTpnClient: apiKey is required");
  // Checked here because a bad URL would otherwise surface per call, disguised as a network error.
  if (!URL.canParse(options.baseUrl) || !/^https?:$/.test(new URL(options.baseUrl).protocol)) {
    throw new TypeError("createTpnClient: baseUrl must be an http(s) URL");
  }
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new RangeError("createTpnClient: timeoutMs must be a positive number");
  const breaker = isBreaker(options.breaker) ? options.breaker : createTpnBreaker(options.breaker);

  const api = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers: { "X-API-Key": apiKey, Accept: "application/json" },
    // Never follow a redirect: fetch would forward X-API-Key to wherever it points.
    redirect: "manual",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  /** Runs one HTTP exchange with the timeout, turning anything thrown into a classified error. */
  async function exchange<T>(callerSignal: AbortSignal | undefined, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const timeoutSignal = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([timeoutSignal, callerSignal]) : timeoutSignal;
    try {
      return await send(signal);
    } catch (error) {
      if (error instanceof TpnError) throw error;
      throw errorForThrown(error, { timeoutSignal, timeoutMs, callerSignal });
    }
  }

  function checkKey(idempotencyKey: string) {
    // A programming error, not a TPN answer: fail before spending a request (and quota) on a 400.
    if (!idempotencyKeySchema.safeParse(idempotencyKey).success) throw new RangeError("Idempotency-Key must be 8 to 128 characters");
  }

  return {
    async consumerEnquiry(request, { idempotencyKey, signal }) {
      checkKey(idempotencyKey);
      return breaker.run(() =>
        exchange(signal, async (combined) => {
          const { data, error, response } = await api.POST("/enquiries/consumer", {
            params: { header: { "Idempotency-Key": idempotencyKey } },
            body: request,
            parseAs: "text",
            signal: combined,
          });
          if (!response.ok) throw errorForStatus(response, error);
          return { data: readReport(data, consumerReportSchema, response), rateLimit: parseRateLimitHeaders(response.headers) };
        }),
      );
    },

    async commercialEnquiry(request, { idempotencyKey, signal }) {
      checkKey(idempotencyKey);
      return breaker.run(() =>
        exchange(signal, async (combined) => {
          const { data, error, response } = await api.POST("/enquiries/commercial", {
            params: { header: { "Idempotency-Key": idempotencyKey } },
            body: request,
            parseAs: "text",
            signal: combined,
          });
          if (!response.ok) throw errorForStatus(response, error);
          return { data: readReport(data, commercialReportSchema, response), rateLimit: parseRateLimitHeaders(response.headers) };
        }),
      );
    },

    async health({ signal } = {}) {
      try {
        const { response } = await exchange(signal, (combined) => api.GET("/health", { parseAs: "text", signal: combined }));
        return response.status === 200;
      } catch {
        return false;
      }
    },

    circuitState: () => breaker.state(),
  };
}

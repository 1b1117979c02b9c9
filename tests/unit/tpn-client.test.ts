import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { backoffDelayMs, retryDelayForTpnError } from "@/lib/tpn/backoff";
import { createTpnBreaker } from "@/lib/tpn/breaker";
import { createTpnClient, type TpnClientOptions } from "@/lib/tpn/client";
import {
  TpnRateLimitedError,
  TpnRejectedError,
  TpnTransientError,
  TpnUnavailableError,
  TpnUnreadableResponseError,
} from "@/lib/tpn/errors";
import { parseRateLimitHeaders, retryAfterSeconds } from "@/lib/tpn/rate-limit-headers";
import type { ConsumerEnquiryRequest, ConsumerReport } from "@/lib/tpn/types";

const BASE_URL = "https://tpn.test/v1";
const KEY = "enquiry-0001";

const request: ConsumerEnquiryRequest = {
  idNumber: "8503125123088",
  purpose: "TENANT_SCREENING",
  consent: { reference: "consent-1", obtainedAt: "2025-01-01T08:00:00+02:00", method: "ELECTRONIC" },
  clientReference: "app-ref-1",
};

const report: ConsumerReport = {
  enquiryId: "enq-1",
  generatedAt: "2025-06-15T10:00:00Z",
  found: true,
  billing: { chargeable: true, reference: "INV-1", amount: 42.5 },
  subject: { firstName: "Thandiwe", surname: "Dlamini", dateOfBirth: "1985-03-12", idVerification: { code: "V0" } },
  bureauGrade: "A",
  rentalPaymentProfile: [
    {
      reference: "Agency",
      leaseStart: "2023-06-01",
      leaseEnd: null,
      monthlyRent: 9500,
      months: [{ period: "2025-05", classification: "PAID_ON_TIME", amountDue: 9500, amountPaid: 9500, paymentDate: "2025-05-01" }],
    },
  ],
};

const rateLimitHeaders = { "RateLimit-Limit": "5", "RateLimit-Remaining": "4", "RateLimit-Reset": "1" };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...rateLimitHeaders, ...headers } });
}

function tpnError(status: number, code: string, message: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return json(status, { error: { code, message, ...extra } }, headers);
}

/** A fetch stand-in that records each request and answers from `handler`. */
function fakeFetch(handler: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (input: Request) => {
    requests.push(input.clone());
    return handler(input);
  });
  return { fetch, requests };
}

function client(fetch: TpnClientOptions["fetch"], overrides: Partial<TpnClientOptions> = {}) {
  return createTpnClient({ baseUrl: BASE_URL, apiKey: "secret-key", timeoutMs: 1_000, fetch, ...overrides });
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

afterEach(() => {
  vi.useRealTimers();
});

describe("TPN client: requests and successful responses", () => {
  it("posts the typed body with X-API-Key and Idempotency-Key, and returns validated data with rate limits", async () => {
    const { fetch, requests } = fakeFetch(() => json(200, report));
    const result = await client(fetch).consumerEnquiry(request, { idempotencyKey: KEY });

    expect(result).toEqual({ data: report, rateLimit: { limit: 5, remaining: 4, resetSeconds: 1 } });
    const sent = requests[0];
    if (!sent) throw new Error("no request sent");
    expect(sent.method).toBe("POST");
    expect(sent.url).toBe(`${BASE_URL}/enquiries/consumer`);
    expect(sent.headers.get("X-API-Key")).toBe("secret-key");
    expect(sent.headers.get("Idempotency-Key")).toBe(KEY);
    expect(sent.headers.get("Content-Type")).toBe("application/json");
    expect(sent.redirect).toBe("manual");
    expect(await sent.json()).toEqual(request);
  });

  it("drops properties the contract does not define instead of passing them on unvalidated", async () => {
    const { fetch } = fakeFetch(() => json(200, { ...report, internalScore: 712 }));
    const { data } = await client(fetch).consumerEnquiry(request, { idempotencyKey: KEY });
    expect(data).not.toHaveProperty("internalScore");
  });

  it("commercial enquiries go to /enquiries/commercial and are validated as company reports", async () => {
    const companyReport = { ...report, subject: undefined, company: { name: "Karoo Trading (Pty) Ltd", status: "IN_BUSINESS" } };
    const { fetch, requests } = fakeFetch(() => json(200, companyReport));
    const { data } = await client(fetch).commercialEnquiry(
      { registrationNumber: "2015/123456/07", purpose: "TENANT_SCREENING", consent: request.consent, clientReference: "c" },
      { idempotencyKey: KEY },
    );
    expect(requests[0]?.url).toBe(`${BASE_URL}/enquiries/commercial`);
    expect(data.company).toEqual({ name: "Karoo Trading (Pty) Ltd", status: "IN_BUSINESS" });
  });

  it("returns rateLimit null when TPN sends no RateLimit headers", async () => {
    const { fetch } = fakeFetch(() => new Response(JSON.stringify(report), { status: 200 }));
    expect((await client(fetch).consumerEnquiry(request, { idempotencyKey: KEY })).rateLimit).toBeNull();
  });

  it("refuses a configuration that could never work", () => {
    expect(() => client(undefined, { baseUrl: "tpn.test/v1" })).toThrow(/baseUrl/);
    expect(() => client(undefined, { baseUrl: "ftp://tpn.test/v1" })).toThrow(/baseUrl/);
    expect(() => client(undefined, { apiKey: "" })).toThrow(/apiKey/);
    expect(() => client(undefined, { timeoutMs: 0 })).toThrow(/timeoutMs/);
  });

  it("refuses an Idempotency-Key outside 8-128 characters without calling TPN", async () => {
    const { fetch } = fakeFetch(() => json(200, report));
    await expect(client(fetch).consumerEnquiry(request, { idempotencyKey: "short" })).rejects.toThrow(RangeError);
    await expect(client(fetch).consumerEnquiry(request, { idempotencyKey: "k".repeat(129) })).rejects.toThrow(RangeError);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("TPN client: unreadable responses", () => {
  const personal = "8503125123088 Thandiwe Dlamini";

  it.each([
    ["not JSON", () => new Response(`<html>${personal}</html>`, { status: 200 })],
    ["JSON that breaks the contract", () => json(200, { ...report, found: "yes", subject: { firstName: personal } })],
    ["an enum value the contract does not know", () => json(200, { ...report, bureauGrade: personal })],
    ["an impossible date", () => json(200, { ...report, generatedAt: `${personal}` })],
    ["an empty body", () => new Response("", { status: 200 })],
  ])("%s -> TpnUnreadableResponseError without the body in it", async (_label, respond) => {
    const { fetch } = fakeFetch(respond);
    const error = await failureOf(client(fetch).consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(error).toBeInstanceOf(TpnUnreadableResponseError);
    if (!(error instanceof TpnUnreadableResponseError)) return;
    expect(error.message).toBe("TPN returned an unreadable response");
    expect(error.retryable).toBe(false);
    expect(error.cause).toBeUndefined();
    const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack });
    expect(everything).not.toContain("8503125123088");
    expect(everything).not.toContain("Thandiwe");
  });

  it("names the paths that broke the contract (paths and codes only)", async () => {
    const { fetch } = fakeFetch(() => json(200, { ...report, found: "yes" }));
    const error = await failureOf(client(fetch).consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(error).toMatchObject({ status: 200, issues: [{ path: "found", code: "invalid_type" }] });
  });
});

describe("TPN client: error classification", () => {
  it.each([500, 502, 503, 504])("%i is transient", async (status) => {
    const { fetch } = fakeFetch(() => tpnError(status, "UNAVAILABLE", "try later", { requestId: "r-1" }));
    const error = await failureOf(client(fetch).consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(error).toBeInstanceOf(TpnTransientError);
    expect(error).toMatchObject({ reason: "server_error", status, retryable: true, tpnCode: "UNAVAILABLE", requestId: "r-1" });
  });

  it("408 is transient", async () => {
    const { fetch } = fakeFetch(() => new Response("", { status: 408 }));
    const error = await failureOf(client(fetch).consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(error).toBeInstanceOf(TpnTransientError);
    expect(error).toMatchObject({ reason: "request_timeout", status: 408, retryable: true });
  });

  it("429 is rate limiting, carrying Retry-After and the RateLimit headers", async () => {
    const { fetch } = fakeFetch(() =>
      tpnError(429, "RATE_LIMITED", "slow down", {}, { "Retry-After": "7", "RateLimit-Remaining": "0", "RateLimit-Reset": "7" }),
    );
    const error = await failureOf(client(fetch).consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(error).toBeInstanceOf(TpnRateLimitedError);
    expect(error).toMatchObject({ retryAfterSeconds: 7, status: 429, retryable: true, rateLimit: { limit: 5, remaining: 0, resetSeconds: 7 } });
  });

  it.each([
    [400, "INVALID_REQUEST", "clientReference"],
    [401, "UNAUTHORIZED", undefined],
    [403, "PRODUCT_NOT_ENABLED", undefined],
    [409, "IDEMPOTENCY_CONFLICT", undefined],
    [422, "INVALID_ID_NUMBER", "idNumber"],
  ])("%i is permanent, with TPN's code, field and message (kept out of error.message)", async (status, code, field) => {
    const tpnMessage = "8503125123088 is not acceptable";
    const { fetch } = fakeFetch(() => tpnError(status, code, tpnMessage, field ? { field, requestId: "r-9" } : { requestId: "r-9" }));
    const error = await failureOf(client(fetch).consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(error).toBeInstanceOf(TpnRejectedError);
    expect(error).toMatchObject({ status, tpnCode: code, tpnMessage, field, requestId: "r-9", retryable: false });
    expect(error).toHaveProperty("message", `TPN rejected the request: HTTP ${status} ${code}`);
  });

  it("a 4xx without a contract error body is still permanent", async () => {
    const { fetch } = fakeFetch(() => new Response("Forbidden by proxy", { status: 403 }));
    const error = await failureOf(client(fetch).consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(error).toBeInstanceOf(TpnRejectedError);
    expect(error).toMatchObject({ status: 403, tpnCode: undefined, message: "TPN rejected the request: HTTP 403" });
  });

  it("a redirect is never followed and never retried", async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 302, headers: { Location: "https://elsewhere.test/" } }));
    const error = await failureOf(client(fetch).consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(error).toBeInstanceOf(TpnRejectedError);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("a network failure is transient and names the socket error code", async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    });
    const error = await failureOf(client(fetch).consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(error).toBeInstanceOf(TpnTransientError);
    expect(error).toMatchObject({ reason: "network", message: "TPN could not be reached (ECONNREFUSED)" });
  });

  it("no answer within timeoutMs is a transient timeout", async () => {
    const { fetch } = fakeFetch(
      (sent) => new Promise<Response>((_resolve, reject) => sent.signal.addEventListener("abort", () => reject(sent.signal.reason as Error))),
    );
    const started = Date.now();
    const error = await failureOf(client(fetch, { timeoutMs: 150 }).consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(error).toBeInstanceOf(TpnTransientError);
    expect(error).toMatchObject({ reason: "timeout", message: "TPN did not answer within 150 ms" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("a body that stalls after the headers times out too", async () => {
    const { fetch } = fakeFetch((sent) => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"enquiryId":'));
          sent.signal.addEventListener("abort", () => controller.error(sent.signal.reason));
        },
      });
      return new Response(body, { status: 200 });
    });
    const error = await failureOf(client(fetch, { timeoutMs: 150 }).consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(error).toBeInstanceOf(TpnTransientError);
    expect(error).toMatchObject({ reason: "timeout" });
  });

  it("the caller cancelling is passed on as-is, not as a TPN failure", async () => {
    const { fetch } = fakeFetch(
      (sent) => new Promise<Response>((_resolve, reject) => sent.signal.addEventListener("abort", () => reject(sent.signal.reason as Error))),
    );
    const controller = new AbortController();
    const reason = new Error("workflow cancelled");
    const call = client(fetch, { timeoutMs: 5_000 }).consumerEnquiry(request, { idempotencyKey: KEY, signal: controller.signal });
    controller.abort(reason);
    expect(await failureOf(call)).toBe(reason);
  });
});

describe("TPN client: circuit breaker", () => {
  const unavailable = () => tpnError(503, "UNAVAILABLE", "down");

  it("opens after N consecutive transient failures, fails fast without calling TPN, and closes after a good trial call", async () => {
    let answer: () => Response = unavailable;
    const { fetch } = fakeFetch(() => answer());
    const tpn = client(fetch, { breaker: { failureThreshold: 3, halfOpenAfterMs: 100 } });

    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await failureOf(tpn.consumerEnquiry(request, { idempotencyKey: KEY }))).toBeInstanceOf(TpnTransientError);
    }
    expect(tpn.circuitState()).toBe("open");

    const fast = await failureOf(tpn.consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(fast).toBeInstanceOf(TpnUnavailableError);
    expect(fast).toMatchObject({ retryable: true });
    if (fast instanceof TpnUnavailableError) expect(fast.retryAfterMs).toBeLessThanOrEqual(100);
    expect(fetch).toHaveBeenCalledTimes(3);

    answer = () => json(200, report);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await expect(tpn.consumerEnquiry(request, { idempotencyKey: KEY })).resolves.toMatchObject({ data: report });
    expect(tpn.circuitState()).toBe("closed");
  });

  it("a failed trial call opens it again", async () => {
    const { fetch } = fakeFetch(unavailable);
    const tpn = client(fetch, { breaker: { failureThreshold: 2, halfOpenAfterMs: 50 } });
    for (let attempt = 1; attempt <= 2; attempt++) await failureOf(tpn.consumerEnquiry(request, { idempotencyKey: KEY }));
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(await failureOf(tpn.consumerEnquiry(request, { idempotencyKey: KEY }))).toBeInstanceOf(TpnTransientError);
    expect(tpn.circuitState()).toBe("open");
    expect(await failureOf(tpn.consumerEnquiry(request, { idempotencyKey: KEY }))).toBeInstanceOf(TpnUnavailableError);
  });

  it("only transient failures count: a 4xx, a 429 or an unreadable body resets the count", async () => {
    const answers = [unavailable, unavailable, () => tpnError(422, "INVALID_ID_NUMBER", "x"), unavailable, unavailable,
      () => tpnError(429, "RATE_LIMITED", "x", {}, { "Retry-After": "1" }), unavailable, unavailable,
      () => new Response("junk", { status: 200 }), unavailable, unavailable];
    let index = 0;
    const { fetch } = fakeFetch(() => (answers[index++] ?? unavailable)());
    const tpn = client(fetch, { breaker: { failureThreshold: 3, halfOpenAfterMs: 10_000 } });
    for (let call = 0; call < answers.length; call++) await failureOf(tpn.consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(tpn.circuitState()).toBe("closed");
    expect(fetch).toHaveBeenCalledTimes(answers.length);
    // One more transient failure makes three in a row.
    await failureOf(tpn.consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(tpn.circuitState()).toBe("open");
  });

  it("timeouts and network errors count as transient", async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError("fetch failed");
    });
    const tpn = client(fetch, { breaker: { failureThreshold: 2, halfOpenAfterMs: 10_000 } });
    await failureOf(tpn.consumerEnquiry(request, { idempotencyKey: KEY }));
    await failureOf(tpn.consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(await failureOf(tpn.consumerEnquiry(request, { idempotencyKey: KEY }))).toBeInstanceOf(TpnUnavailableError);
  });

  it("a breaker can be shared between clients", async () => {
    const breaker = createTpnBreaker({ failureThreshold: 1, halfOpenAfterMs: 10_000 });
    const { fetch } = fakeFetch(unavailable);
    await failureOf(client(fetch, { breaker }).consumerEnquiry(request, { idempotencyKey: KEY }));
    expect(await failureOf(client(fetch, { breaker }).consumerEnquiry(request, { idempotencyKey: KEY }))).toBeInstanceOf(TpnUnavailableError);
  });

  it("rejects nonsensical breaker settings", () => {
    expect(() => createTpnBreaker({ failureThreshold: 0 })).toThrow(RangeError);
    expect(() => createTpnBreaker({ halfOpenAfterMs: -1 })).toThrow(RangeError);
  });
});

describe("TPN client: health", () => {
  it("is true on 200 and false on anything else, without touching the breaker", async () => {
    let status = 200;
    const { fetch, requests } = fakeFetch(() => new Response(null, { status }));
    const tpn = client(fetch, { breaker: { failureThreshold: 1 } });
    expect(await tpn.health()).toBe(true);
    expect(requests[0]?.url).toBe(`${BASE_URL}/health`);
    status = 503;
    expect(await tpn.health()).toBe(false);
    expect(tpn.circuitState()).toBe("closed");
  });
});

describe("rate-limit headers", () => {
  it("parses integers and ignores garbage", () => {
    expect(parseRateLimitHeaders(new Headers(rateLimitHeaders))).toEqual({ limit: 5, remaining: 4, resetSeconds: 1 });
    expect(parseRateLimitHeaders(new Headers({ "RateLimit-Limit": "5", "RateLimit-Remaining": "-1", "RateLimit-Reset": "soon" }))).toEqual({
      limit: 5,
      remaining: null,
      resetSeconds: null,
    });
    expect(parseRateLimitHeaders(new Headers())).toBeNull();
  });

  it("Retry-After falls back to RateLimit-Reset, then to 1 second, never 0", () => {
    expect(retryAfterSeconds(new Headers({ "Retry-After": "12" }))).toBe(12);
    expect(retryAfterSeconds(new Headers({ "Retry-After": "0" }))).toBe(1);
    expect(retryAfterSeconds(new Headers({ "Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT", "RateLimit-Reset": "4" }))).toBe(4);
    expect(retryAfterSeconds(new Headers())).toBe(1);
  });
});

describe("backoff for the workflow", () => {
  it("grows exponentially with equal jitter, capped", () => {
    expect(backoffDelayMs(1, { random: () => 0 })).toBe(500);
    expect(backoffDelayMs(1, { random: () => 0.999999 })).toBe(1000);
    expect(backoffDelayMs(4, { random: () => 0 })).toBe(4000);
    expect(backoffDelayMs(50, { random: () => 0.999999, maxMs: 60_000 })).toBe(60_000);
  });

  it("property: the delay lies between half and all of min(max, base * 2^(attempt-1))", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, roll) => {
        const ceiling = Math.min(60_000, 1_000 * 2 ** (attempt - 1));
        const delay = backoffDelayMs(attempt, { random: () => roll });
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it("honours Retry-After (plus jitter), and an open breaker's cooldown", () => {
    const limited = new TpnRateLimitedError(7);
    expect(retryDelayForTpnError(limited, 1, { random: () => 0 })).toBe(7_000);
    expect(retryDelayForTpnError(limited, 1, { random: () => 0.5 })).toBe(7_500);
    // Retry-After wins even when the exponential backoff would be shorter or longer.
    expect(retryDelayForTpnError(new TpnRateLimitedError(90), 1, { random: () => 0 })).toBe(90_000);
    expect(retryDelayForTpnError(new TpnUnavailableError(20_000), 1, { random: () => 0 })).toBe(20_000);
    expect(retryDelayForTpnError(new TpnTransientError("timeout", "t"), 3, { random: () => 0 })).toBe(2_000);
  });

  it("returns null when retrying cannot help", () => {
    expect(retryDelayForTpnError(new TpnRejectedError(422), 1)).toBeNull();
    expect(retryDelayForTpnError(new TpnUnreadableResponseError(), 1)).toBeNull();
    expect(retryDelayForTpnError(new Error("bug"), 1)).toBeNull();
  });
});

describe("getTpnClient", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("builds one client from TPN_API_URL / TPN_API_KEY", async () => {
    vi.stubEnv("TPN_API_URL", "http://127.0.0.1:4010/v1");
    vi.stubEnv("TPN_API_KEY", "k");
    vi.resetModules();
    const { getTpnClient } = await import("@/lib/tpn/get-client");
    const first = getTpnClient();
    expect(getTpnClient()).toBe(first);
    expect(first.circuitState()).toBe("closed");
  });

  it("says what to set when TPN is not configured", async () => {
    vi.stubEnv("TPN_API_URL", "");
    vi.stubEnv("TPN_API_KEY", "");
    vi.resetModules();
    const { getTpnClient, TpnNotConfiguredError } = await import("@/lib/tpn/get-client");
    expect(() => getTpnClient()).toThrow(TpnNotConfiguredError);
    expect(() => getTpnClient()).toThrow(/TPN_API_URL and TPN_API_KEY/);
  });
});

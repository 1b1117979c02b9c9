import type { RateLimitInfo } from "./types";

/** Non-negative integers only: the spec types every one of these headers `integer`. */
function integerHeader(headers: Headers, name: string): number | null {
  const raw = headers.get(name)?.trim();
  if (!raw || !/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : null;
}

export function parseRateLimitHeaders(headers: Headers): RateLimitInfo | null {
  const info = {
    limit: integerHeader(headers, "RateLimit-Limit"),
    remaining: integerHeader(headers, "RateLimit-Remaining"),
    resetSeconds: integerHeader(headers, "RateLimit-Reset"),
  };
  return info.limit === null && info.remaining === null && info.resetSeconds === null ? null : info;
}

/**
 * Seconds to wait after a 429. The spec promises an integer Retry-After; if it is missing or garbled
 * the window reset is the next best answer, and one second the last resort (never zero: an immediate
 * retry would only be refused again).
 */
export function retryAfterSeconds(headers: Headers): number {
  const retryAfter = integerHeader(headers, "Retry-After");
  if (retryAfter !== null) return Math.max(1, retryAfter);
  return Math.max(1, integerHeader(headers, "RateLimit-Reset") ?? 1);
}

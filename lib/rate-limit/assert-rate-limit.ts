import { RateLimitedError } from "@/lib/api/errors";
import { getRateLimiter, type RateLimitBackend, type RateLimiter } from "./limiter";
import type { RateLimitPolicyName } from "./policies";

export interface RateLimitAllowance {
  limit: number;
  remaining: number;
  /** Epoch milliseconds at which the current window ends. */
  reset: number;
  backend: RateLimitBackend;
}

/**
 * Counts one request for `key` (an IP, an account, a phone number: hashed before use) under a named
 * policy. Throws RateLimitedError (429, Retry-After in whole seconds) when the limit is reached;
 * otherwise returns what is left, e.g. for RateLimit-* response headers.
 *
 *   await assertRateLimit("auth:login-account", email);
 */
export async function assertRateLimit(
  policy: RateLimitPolicyName,
  key: string,
  options: { limiter?: RateLimiter } = {},
): Promise<RateLimitAllowance> {
  const decision = await (options.limiter ?? getRateLimiter()).limit(policy, key);
  if (!decision.success) {
    throw new RateLimitedError((decision.reset - Date.now()) / 1000);
  }
  return { limit: decision.limit, remaining: decision.remaining, reset: decision.reset, backend: decision.backend };
}

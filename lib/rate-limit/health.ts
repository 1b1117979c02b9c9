import { getRateLimiter, type RateLimiter, type RateLimitHealth } from "./limiter";

/** For the health endpoint: PINGs Upstash through the REST client, or reports the in-process fallback. */
export function checkRateLimitHealth(limiter: RateLimiter = getRateLimiter()): Promise<RateLimitHealth> {
  return limiter.health();
}

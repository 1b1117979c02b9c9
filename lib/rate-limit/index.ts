export { assertRateLimit, type RateLimitAllowance } from "./assert-rate-limit";
export { checkRateLimitHealth } from "./health";
export {
  createRateLimiter,
  createUpstashRedis,
  getRateLimiter,
  type CreateRateLimiterOptions,
  type RateLimitBackend,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimitHealth,
} from "./limiter";
export { RATE_LIMIT_POLICIES, type RateLimitPolicy, type RateLimitPolicyName } from "./policies";

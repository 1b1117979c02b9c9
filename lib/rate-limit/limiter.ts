import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { deriveRateLimitHashKey, hashRateLimitIdentifier } from "./hash-key";
import { InProcessSlidingWindow } from "./in-process";
import {
  RATE_LIMIT_POLICIES,
  RATE_LIMIT_POLICY_NAMES,
  windowToMs,
  type RateLimitPolicy,
  type RateLimitPolicyName,
} from "./policies";

/**
 * The app's rate limiter: @upstash/ratelimit over @upstash/redis (UPSTASH_REDIS_REST_URL/TOKEN), with
 * an in-process sliding window of the same semantics when Redis is not configured or a call to it
 * fails. Production and local development run this same code; locally the URL points at the REST
 * shim in dev/upstash, in production at Upstash.
 */
export type RateLimitBackend = "upstash" | "in-process";

export interface RateLimitDecision {
  policy: RateLimitPolicyName;
  success: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds at which the current window ends. */
  reset: number;
  backend: RateLimitBackend;
}

export interface RateLimitHealth {
  ok: boolean;
  backend: RateLimitBackend;
  detail?: string;
}

export interface RateLimiter {
  /** Upstash when a Redis client is configured (calls may still fall back per request). */
  readonly configuredBackend: RateLimitBackend;
  /** Counts one request for `key` under `policy`. `key` is hashed before it is used anywhere. */
  limit(policy: RateLimitPolicyName, key: string): Promise<RateLimitDecision>;
  /** PING through the REST client (for the health endpoint). */
  health(): Promise<RateLimitHealth>;
}

/** The two pino methods the limiter uses; tests pass a spy. */
export interface RateLimitLogger {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export interface CreateRateLimiterOptions {
  /** `undefined`: from UPSTASH_REDIS_REST_URL/TOKEN. `null`: in-process only. */
  redis?: Redis | null;
  /** Prefix of every Redis key. Default "tenantlens:rl". */
  prefix?: string;
  /** Override limits/windows (tests use small ones). */
  policies?: Partial<Record<RateLimitPolicyName, Pick<RateLimitPolicy, "limit" | "window">>>;
  /** HMAC key for identifiers. Default: derived from BLIND_INDEX_KEY. */
  hashKey?: CryptoKey | Promise<CryptoKey>;
  logger?: RateLimitLogger;
  /** After a failed Redis call, use the in-process limiter for this long before trying Redis again. Default 30 s. */
  retryRedisAfterMs?: number;
  /** Remember denied keys in memory until their reset (saves Redis calls under attack). Default true. */
  ephemeralCache?: boolean;
  /** Health-check PING timeout. Default 2 s. */
  healthTimeoutMs?: number;
}

export interface UpstashRedisConfig {
  url: string | undefined;
  token: string | undefined;
  /** Abort a REST call after this long (then the in-process limiter answers). Default 1.5 s. */
  timeoutMs?: number;
}

/**
 * The REST client as the limiter wants it: few, quick retries (the SDK default retries 5 times with
 * exponential backoff, several seconds before a failure surfaces) and a per-request timeout. Returns
 * null when URL or token is missing.
 */
export function createUpstashRedis(config: UpstashRedisConfig): Redis | null {
  if (!config.url || !config.token) return null;
  const timeoutMs = config.timeoutMs ?? 1_500;
  return new Redis({
    url: config.url,
    token: config.token,
    retry: { retries: 1, backoff: () => 100 },
    signal: () => AbortSignal.timeout(timeoutMs),
    enableTelemetry: false,
  });
}

/** One line that describes a failure without echoing the command (the SDK appends it to messages). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const message = error.message.split(", command was:")[0] ?? "";
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.name}: ${message}${cause}`.slice(0, 300);
}

export function createRateLimiter(options: CreateRateLimiterOptions = {}): RateLimiter {
  const log = options.logger ?? logger;
  const prefix = options.prefix ?? "tenantlens:rl";
  const retryRedisAfterMs = options.retryRedisAfterMs ?? 30_000;
  const useEphemeralCache = options.ephemeralCache ?? true;
  const healthTimeoutMs = options.healthTimeoutMs ?? 2_000;
  const redis =
    options.redis === undefined
      ? createUpstashRedis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN })
      : options.redis;
  const configuredBackend: RateLimitBackend = redis ? "upstash" : "in-process";

  const policies = Object.fromEntries(
    RATE_LIMIT_POLICY_NAMES.map((name) => {
      const base = RATE_LIMIT_POLICIES[name];
      const override = options.policies?.[name];
      const policy: RateLimitPolicy<RateLimitPolicyName> = { ...base, ...override, name };
      return [name, { policy, windowMs: windowToMs(policy.window) }];
    }),
  ) as Record<RateLimitPolicyName, { policy: RateLimitPolicy<RateLimitPolicyName>; windowMs: number }>;

  const upstashLimiters = new Map<RateLimitPolicyName, Ratelimit>();
  const upstashLimiter = (name: RateLimitPolicyName, client: Redis): Ratelimit => {
    let limiter = upstashLimiters.get(name);
    if (!limiter) {
      const { policy } = policies[name];
      limiter = new Ratelimit({
        redis: client,
        limiter: Ratelimit.slidingWindow(policy.limit, policy.window),
        prefix: `${prefix}:${name}`,
        // No fail-open timeout: a slow or failed call throws and the in-process limiter answers instead.
        timeout: 0,
        analytics: false,
        ephemeralCache: useEphemeralCache ? new Map() : false,
      });
      upstashLimiters.set(name, limiter);
    }
    return limiter;
  };

  const inProcess = new InProcessSlidingWindow();
  let hashKey: Promise<CryptoKey> | undefined;
  const getHashKey = () => (hashKey ??= Promise.resolve(options.hashKey ?? deriveRateLimitHashKey(env.BLIND_INDEX_KEY)));

  let warnedUnconfigured = false;
  let degraded = false;
  let retryRedisAt = 0;

  function limitInProcess(name: RateLimitPolicyName, identifier: string): RateLimitDecision {
    const { policy, windowMs } = policies[name];
    const result = inProcess.limit(`${prefix}:${name}:${identifier}`, policy.limit, windowMs);
    return { policy: name, ...result, backend: "in-process" };
  }

  return {
    configuredBackend,

    async limit(name, key) {
      if (!Object.hasOwn(policies, name)) throw new Error(`Unknown rate limit policy: ${String(name)}`);
      const identifier = await hashRateLimitIdentifier(await getHashKey(), name, key);

      if (!redis) {
        if (!warnedUnconfigured) {
          warnedUnconfigured = true;
          log.warn(
            { backend: "in-process" },
            "rate limiting is in-process: UPSTASH_REDIS_REST_URL/UPSTASH_REDIS_REST_TOKEN are not set, so limits are per server instance",
          );
        }
        return limitInProcess(name, identifier);
      }

      if (!degraded || Date.now() >= retryRedisAt) {
        try {
          const result = await upstashLimiter(name, redis).limit(identifier);
          if (degraded) {
            degraded = false;
            log.info({ backend: "upstash" }, "rate limiting is back on Upstash Redis");
          }
          return {
            policy: name,
            success: result.success,
            limit: result.limit,
            remaining: result.remaining,
            reset: result.reset,
            backend: "upstash",
          };
        } catch (error) {
          if (!degraded) {
            degraded = true;
            log.warn(
              { backend: "in-process", error: describeError(error), retryInMs: retryRedisAfterMs },
              "Upstash Redis call failed: rate limiting falls back to in-process limits until it answers again",
            );
          }
          retryRedisAt = Date.now() + retryRedisAfterMs;
        }
      }
      return limitInProcess(name, identifier);
    },

    async health() {
      if (!redis) {
        return {
          ok: true,
          backend: "in-process",
          detail: "Upstash Redis is not configured; limits are counted per server instance",
        };
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${healthTimeoutMs} ms`)), healthTimeoutMs);
        });
        const pong = await Promise.race([redis.ping(), timeout]);
        return pong === "PONG"
          ? { ok: true, backend: "upstash" }
          : { ok: false, backend: "upstash", detail: "PING answered unexpectedly" };
      } catch (error) {
        return { ok: false, backend: "upstash", detail: `PING failed: ${describeError(error)}` };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

const globalForRateLimit = globalThis as unknown as { tenantlensRateLimiter?: RateLimiter };

/** The app-wide limiter, configured from env on first use. */
export function getRateLimiter(): RateLimiter {
  const existing = globalForRateLimit.tenantlensRateLimiter;
  if (existing) return existing;
  const limiter = createRateLimiter();
  globalForRateLimit.tenantlensRateLimiter = limiter;
  return limiter;
}

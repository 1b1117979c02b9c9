/**
 * lib/rate-limit: policies, the in-process sliding window, key hashing, assertRateLimit on both
 * backends, fallback when Redis is unconfigured or unreachable, and the health check. The Upstash
 * backend runs through the real SDKs against the REST shim over the real Redis.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { Redis as IORedis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startUpstashShim, type UpstashShim } from "@/dev/upstash/server";
import { RateLimitedError } from "@/lib/api/errors";
import { assertRateLimit } from "@/lib/rate-limit/assert-rate-limit";
import { deriveRateLimitHashKey, hashRateLimitIdentifier } from "@/lib/rate-limit/hash-key";
import { checkRateLimitHealth } from "@/lib/rate-limit/health";
import { InProcessSlidingWindow } from "@/lib/rate-limit/in-process";
import { createRateLimiter, createUpstashRedis, type RateLimitLogger } from "@/lib/rate-limit/limiter";
import { RATE_LIMIT_POLICIES, RATE_LIMIT_POLICY_NAMES, windowToMs } from "@/lib/rate-limit/policies";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const token = randomBytes(24).toString("base64url");
const prefix = `test:rate-limit:${randomUUID()}`;
const shims: UpstashShim[] = [];
let shim: UpstashShim;
let direct: IORedis;

const spyLogger = () => ({ warn: vi.fn<RateLimitLogger["warn"]>(), info: vi.fn<RateLimitLogger["info"]>() });

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Waits, if needed, so at least `marginMs` of the current fixed window remain. */
async function awayFromBoundary(windowMs: number, marginMs: number) {
  const left = windowMs - (Date.now() % windowMs);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 10));
}

async function expectRateLimited(promise: Promise<unknown>): Promise<RateLimitedError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RateLimitedError);
  return error as RateLimitedError;
}

beforeAll(async () => {
  shim = await startUpstashShim({ port: 0, token, redisUrl: REDIS_URL, logLevel: "silent" });
  shims.push(shim);
  direct = new IORedis(REDIS_URL, { lazyConnect: true });
  await direct.connect();
});

afterAll(async () => {
  if (direct) {
    const keys = await direct.keys(`${prefix}*`);
    if (keys.length > 0) await direct.del(...keys);
    await direct.quit();
  }
  await Promise.all(shims.map((s) => s.close()));
});

describe("policies", () => {
  it("names every policy after its key and uses sliding windows with positive limits", () => {
    expect(RATE_LIMIT_POLICY_NAMES).toEqual(
      expect.arrayContaining(["api:default", "auth:login-ip", "auth:login-account", "enquiry:create", "whatsapp:inbound", "support:message"]),
    );
    for (const name of RATE_LIMIT_POLICY_NAMES) {
      const policy = RATE_LIMIT_POLICIES[name];
      expect(policy.name).toBe(name);
      expect(policy.algorithm).toBe("sliding-window");
      expect(Number.isInteger(policy.limit) && policy.limit > 0).toBe(true);
      expect(windowToMs(policy.window)).toBeGreaterThan(0);
    }
    // Per-account sign-in is the tightest: it is what stops distributed password guessing.
    expect(RATE_LIMIT_POLICIES["auth:login-account"].limit).toBeLessThan(RATE_LIMIT_POLICIES["auth:login-ip"].limit);
  });

  it("parses windows as @upstash/ratelimit does", () => {
    expect(windowToMs("60 s")).toBe(60_000);
    expect(windowToMs("15 m")).toBe(900_000);
    expect(windowToMs("1h")).toBe(3_600_000);
    expect(windowToMs("250 ms")).toBe(250);
    expect(() => windowToMs("soon" as never)).toThrow(/Unable to parse window/);
  });
});

describe("InProcessSlidingWindow", () => {
  it("allows the limit, blocks after, and reports the end of the window as reset", () => {
    let now = 10_000;
    const window = new InProcessSlidingWindow({ now: () => now });
    const results = Array.from({ length: 4 }, () => window.limit("k", 3, 1_000));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3]?.reset).toBe(11_000);
    now = 10_999;
    expect(window.limit("k", 3, 1_000).success).toBe(false);
    expect(window.limit("other", 3, 1_000).success).toBe(true);
  });

  it("weights the previous window by its overlap, like the Upstash script", () => {
    let now = 0;
    const window = new InProcessSlidingWindow({ now: () => now });
    for (let i = 0; i < 4; i++) expect(window.limit("k", 4, 1_000).success).toBe(true);
    // 25% into the next window: floor(0.75 * 4) = 3 still count, so one more is allowed.
    now = 1_250;
    expect(window.limit("k", 4, 1_000)).toEqual({ success: true, limit: 4, remaining: 0, reset: 2_000 });
    expect(window.limit("k", 4, 1_000).success).toBe(false);
    // Two windows later everything has expired (and the block ended at the reset).
    now = 3_100;
    expect(window.limit("k", 4, 1_000)).toEqual({ success: true, limit: 4, remaining: 3, reset: 4_000 });
  });

  it("keeps memory bounded", () => {
    const window = new InProcessSlidingWindow({ maxKeys: 100 });
    for (let i = 0; i < 2_500; i++) window.limit(`k${i}`, 5, 60_000);
    expect(window.size).toBeLessThanOrEqual(101);
  });
});

describe("key hashing", () => {
  it("is keyed, deterministic, case-insensitive and separated by policy", async () => {
    const key = await deriveRateLimitHashKey(randomBytes(32).toString("base64"));
    const other = await deriveRateLimitHashKey(randomBytes(32).toString("base64"));
    const a = await hashRateLimitIdentifier(key, "auth:login-account", "Alice@Example.com ");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashRateLimitIdentifier(key, "auth:login-account", "alice@example.com")).toBe(a);
    expect(await hashRateLimitIdentifier(key, "auth:login-ip", "alice@example.com")).not.toBe(a);
    expect(await hashRateLimitIdentifier(other, "auth:login-account", "alice@example.com")).not.toBe(a);
  });
});

describe("assertRateLimit on Upstash (REST shim over real Redis)", () => {
  it("returns what is left, then throws RateLimitedError with Retry-After; no raw key reaches Redis", async () => {
    const keyPrefix = `${prefix}:upstash`;
    const limiter = createRateLimiter({
      redis: createUpstashRedis({ url: shim.url, token }),
      prefix: keyPrefix,
      policies: { "auth:login-account": { limit: 3, window: "10 s" } },
      logger: spyLogger(),
    });
    expect(limiter.configuredBackend).toBe("upstash");
    await awayFromBoundary(10_000, 1_000);

    const email = "Thandi.Nkosi@example.co.za";
    const first = await assertRateLimit("auth:login-account", email, { limiter });
    expect(first).toMatchObject({ limit: 3, remaining: 2, backend: "upstash" });
    expect(first.reset).toBe(Math.ceil(Date.now() / 10_000) * 10_000);
    await assertRateLimit("auth:login-account", email.toLowerCase(), { limiter });
    await assertRateLimit("auth:login-account", email, { limiter });

    const error = await expectRateLimited(assertRateLimit("auth:login-account", email, { limiter }));
    expect(error.status).toBe(429);
    expect(error.code).toBe("RATE_LIMITED");
    const retryAfter = Number(error.headers["Retry-After"]);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);

    const keys = await direct.keys(`${keyPrefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatch(new RegExp(`^${keyPrefix}:auth:login-account:[0-9a-f]{64}:\\d+$`));
      expect(key.toLowerCase()).not.toContain("thandi");
      expect(key.toLowerCase()).not.toContain("example");
    }
  });

  it("shares the limit between two limiter instances (two app instances)", async () => {
    const keyPrefix = `${prefix}:shared`;
    const make = () =>
      createRateLimiter({
        redis: createUpstashRedis({ url: shim.url, token }),
        prefix: keyPrefix,
        policies: { "enquiry:create": { limit: 2, window: "10 s" } },
        logger: spyLogger(),
      });
    const [a, b] = [make(), make()];
    await awayFromBoundary(10_000, 1_000);
    await assertRateLimit("enquiry:create", "user-1", { limiter: a });
    await assertRateLimit("enquiry:create", "user-1", { limiter: b });
    await expectRateLimited(assertRateLimit("enquiry:create", "user-1", { limiter: a }));
  });

  it("reports health by PING through the REST client", async () => {
    const limiter = createRateLimiter({ redis: createUpstashRedis({ url: shim.url, token }), logger: spyLogger() });
    expect(await checkRateLimitHealth(limiter)).toEqual({ ok: true, backend: "upstash" });
    const wrongToken = createRateLimiter({ redis: createUpstashRedis({ url: shim.url, token: "wrong" }), logger: spyLogger() });
    expect(await checkRateLimitHealth(wrongToken)).toEqual({
      ok: false,
      backend: "upstash",
      detail: expect.stringMatching(/^PING failed: .*unauthorized/i) as unknown,
    });
  });
});

describe("in-process fallback", () => {
  it("is used when Upstash is not configured, with one warning", async () => {
    const logger = spyLogger();
    const limiter = createRateLimiter({ redis: null, policies: { "support:message": { limit: 2, window: "60 s" } }, logger });
    expect(limiter.configuredBackend).toBe("in-process");
    await awayFromBoundary(60_000, 1_000);
    expect(await assertRateLimit("support:message", "user-7", { limiter })).toMatchObject({ remaining: 1, backend: "in-process" });
    await assertRateLimit("support:message", "user-7", { limiter });
    const error = await expectRateLimited(assertRateLimit("support:message", "user-7", { limiter }));
    expect(Number(error.headers["Retry-After"])).toBeGreaterThanOrEqual(1);
    await expectRateLimited(assertRateLimit("support:message", "user-7", { limiter }));
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(await checkRateLimitHealth(limiter)).toMatchObject({ ok: true, backend: "in-process" });
  });

  it("treats a missing URL or token as not configured", () => {
    expect(createUpstashRedis({ url: undefined, token: "t" })).toBeNull();
    expect(createUpstashRedis({ url: "http://127.0.0.1:1", token: undefined })).toBeNull();
    expect(createUpstashRedis({ url: "http://127.0.0.1:1", token: "t" })).not.toBeNull();
  });

  it("takes over when the REST endpoint is unreachable, warning once, and hands back when it answers", async () => {
    const port = await closedPort();
    const logger = spyLogger();
    const limiter = createRateLimiter({
      redis: createUpstashRedis({ url: `http://127.0.0.1:${port}`, token }),
      prefix: `${prefix}:unreachable`,
      policies: { "whatsapp:inbound": { limit: 2, window: "60 s" } },
      retryRedisAfterMs: 0,
      logger,
    });
    expect(limiter.configuredBackend).toBe("upstash");
    await awayFromBoundary(60_000, 2_000);

    expect(await assertRateLimit("whatsapp:inbound", "+27821234567", { limiter })).toMatchObject({ backend: "in-process", remaining: 1 });
    await assertRateLimit("whatsapp:inbound", "+27821234567", { limiter });
    const error = await expectRateLimited(assertRateLimit("whatsapp:inbound", "+27821234567", { limiter }));
    expect(error.headers["Retry-After"]).toMatch(/^\d+$/);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[1]).toMatch(/falls back to in-process/);
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain("27821234567");

    const health = await checkRateLimitHealth(limiter);
    expect(health).toMatchObject({ ok: false, backend: "upstash" });

    // The endpoint comes up: the next call goes to Upstash again and says so once.
    const revived = await startUpstashShim({ port, token, redisUrl: REDIS_URL, logLevel: "silent" });
    shims.push(revived);
    expect(await assertRateLimit("whatsapp:inbound", "+27821234567", { limiter })).toMatchObject({ backend: "upstash", remaining: 1 });
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it("does not retry Redis on every request while it is down", async () => {
    const port = await closedPort();
    const logger = spyLogger();
    const limiter = createRateLimiter({
      redis: createUpstashRedis({ url: `http://127.0.0.1:${port}`, token }),
      retryRedisAfterMs: 60_000,
      logger,
    });
    await assertRateLimit("api:default", "203.0.113.9", { limiter });
    const started = performance.now();
    for (let i = 0; i < 20; i++) await assertRateLimit("api:default", "203.0.113.9", { limiter });
    // Each failed REST call costs a retry backoff (100 ms); 20 in-process answers cost nothing like that.
    expect(performance.now() - started).toBeLessThan(500);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});

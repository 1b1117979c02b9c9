/**
 * @upstash/ratelimit (unmodified) against the REST shim over the real Redis: the Lua scripts run in
 * Redis, including the Upstash-only `allow-key-locking` shebang flag and the EVALSHA -> NOSCRIPT -> EVAL
 * fallback. Real time, short windows.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis as IORedis } from "ioredis";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstashShim, type UpstashShim } from "@/dev/upstash/server";
import { sha1Hex, toRedisScript } from "@/dev/upstash/protocol";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const token = randomBytes(24).toString("base64url");
const prefix = `test:upstash-ratelimit:${randomUUID()}`;

/** The sliding-window script and hash @upstash/ratelimit 2.2 sends (from its dist, hard-coded there). */
const SLIDING_WINDOW_SHA = "74740bb3d7792848093cdef586b6b6037c455fd6";

let shim: UpstashShim;
let direct: IORedis;

const client = () => new Redis({ url: shim.url, token, enableTelemetry: false });
const limiter = (redis: Redis, tokens: number, window: `${number} s`, name: string) =>
  new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(tokens, window), prefix: `${prefix}:${name}`, timeout: 0 });

/** Waits, if needed, so at least `marginMs` of the current fixed window remain (no boundary mid-test). */
async function awayFromBoundary(windowMs: number, marginMs: number) {
  const left = windowMs - (Date.now() % windowMs);
  if (left < marginMs) await sleep(left + 10);
}

beforeAll(async () => {
  shim = await startUpstashShim({ port: 0, token, redisUrl: REDIS_URL, logLevel: "silent" });
  direct = new IORedis(REDIS_URL, { lazyConnect: true });
  await direct.connect();
});

afterAll(async () => {
  if (direct) {
    const keys = await direct.keys(`${prefix}*`);
    if (keys.length > 0) await direct.del(...keys);
    await direct.quit();
  }
  await shim?.close();
});

describe("@upstash/ratelimit through the shim", () => {
  it("allows N requests in a window and blocks request N+1", async () => {
    const rl = limiter(client(), 3, "10 s", "n-plus-one");
    await awayFromBoundary(10_000, 1_000);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await rl.limit("tenant-1"));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3]?.reset).toBe(Math.ceil(Date.now() / 10_000) * 10_000);
    // Another identifier has its own budget.
    expect((await rl.limit("tenant-2")).success).toBe(true);
    // The counters are real Redis keys.
    const keys = await direct.keys(`${prefix}:n-plus-one:tenant-1:*`);
    expect(keys).toHaveLength(1);
    expect(await direct.get(keys[0] ?? "")).toBe("3");
  });

  it("allows again once the window has passed", async () => {
    const rl = limiter(client(), 2, "1 s", "reset");
    await awayFromBoundary(1_000, 500);
    expect((await rl.limit("tenant")).success).toBe(true);
    expect((await rl.limit("tenant")).success).toBe(true);
    const blocked = await rl.limit("tenant");
    expect(blocked.success).toBe(false);
    expect(blocked.reset).toBeGreaterThan(Date.now());
    expect(blocked.reset - Date.now()).toBeLessThanOrEqual(1_000);
    await sleep(blocked.reset - Date.now() + 50);
    const after = await rl.limit("tenant");
    expect(after.success).toBe(true);
  });

  it("shares one limit between two app instances (separate clients and limiters)", async () => {
    const a = limiter(client(), 3, "10 s", "shared");
    const b = limiter(client(), 3, "10 s", "shared");
    await awayFromBoundary(10_000, 1_000);
    expect((await a.limit("user")).success).toBe(true);
    expect((await b.limit("user")).success).toBe(true);
    expect((await a.limit("user")).success).toBe(true);
    expect((await b.limit("user")).success).toBe(false);
    expect((await a.limit("user")).success).toBe(false);
  });

  it("falls back from EVALSHA to EVAL on NOSCRIPT, and EVALSHA works again after", async () => {
    await direct.script("FLUSH");
    const redis = client();
    await expect(redis.evalsha(SLIDING_WINDOW_SHA, [], [])).rejects.toThrow(/NOSCRIPT/);
    expect(await redis.scriptExists(SLIDING_WINDOW_SHA)).toEqual([0]);

    const before = shim.stats();
    const rl = limiter(redis, 5, "10 s", "noscript");
    expect((await rl.limit("who")).success).toBe(true);
    const afterFirst = shim.stats();
    expect((afterFirst.evalsha ?? 0) - (before.evalsha ?? 0)).toBe(1);
    expect((afterFirst.eval ?? 0) - (before.eval ?? 0)).toBe(1);

    // The script is now known under the hash the client uses, so the next call needs no EVAL.
    expect(await redis.scriptExists(SLIDING_WINDOW_SHA)).toEqual([1]);
    expect((await rl.limit("who")).remaining).toBe(3);
    const afterSecond = shim.stats();
    expect((afterSecond.evalsha ?? 0) - (afterFirst.evalsha ?? 0)).toBe(1);
    expect(afterSecond.eval ?? 0).toBe(afterFirst.eval ?? 0);
  });

  it("SCRIPT LOAD answers the client's hash for a script with Upstash-only flags", async () => {
    const redis = client();
    const script = "#!lua flags=allow-key-locking,no-writes\nreturn ARGV[1]";
    expect(toRedisScript(script)).toBe("#!lua flags=no-writes\nreturn ARGV[1]");
    expect(await redis.scriptLoad(script)).toBe(sha1Hex(script));
    expect(await redis.evalsha(sha1Hex(script), [], ["echo"])).toBe("echo");
    // Redis itself stores the rewritten script (its own SHA-1), which is what the shim maps to.
    expect(await direct.script("EXISTS", sha1Hex(toRedisScript(script)))).toEqual([1]);
  });
});

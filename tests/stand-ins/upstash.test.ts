/**
 * The Upstash REST shim, driven by the real @upstash/redis client, over the real Redis at REDIS_URL
 * (default 127.0.0.1:6379). Every key lives under a per-run prefix and is deleted afterwards.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Redis as IORedis } from "ioredis";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, refusalReason, toRedisScript } from "@/dev/upstash/protocol";
import { startUpstashShim, type UpstashShim } from "@/dev/upstash/server";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const token = randomBytes(24).toString("base64url");
const prefix = `test:upstash-shim:${randomUUID()}:`;
const k = (name: string) => `${prefix}${name}`;

let shim: UpstashShim;
let direct: IORedis;
/** The client as the app builds it: base64 responses and auto-pipelining (both SDK defaults). */
let redis: Redis;
/** One request per command on `/`, still base64. */
let plain: Redis;
/** No `Upstash-Encoding` header: the shim answers UTF-8 text. */
let noBase64: Redis;

async function post(path: string, body: unknown, auth = `Bearer ${token}`, headers: Record<string, string> = {}) {
  const res = await fetch(`${shim.url}${path}`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

beforeAll(async () => {
  shim = await startUpstashShim({ port: 0, token, redisUrl: REDIS_URL, logLevel: "silent" });
  direct = new IORedis(REDIS_URL, { lazyConnect: true });
  await direct.connect();
  redis = new Redis({ url: shim.url, token, enableTelemetry: false });
  plain = new Redis({ url: shim.url, token, enableTelemetry: false, enableAutoPipelining: false });
  noBase64 = new Redis({ url: shim.url, token, enableTelemetry: false, enableAutoPipelining: false, responseEncoding: false });
});

afterAll(async () => {
  if (direct) {
    const keys = await direct.keys(`${prefix}*`);
    if (keys.length > 0) await direct.del(...keys);
    await direct.quit();
  }
  await shim?.close();
});

describe("commands through @upstash/redis", () => {
  it.each([
    ["auto-pipelined client", () => redis],
    ["one-request-per-command client", () => plain],
    ["client without base64", () => noBase64],
  ] as const)("set/get/incr/hset/hgetall with the %s", async (_label, client) => {
    const c = client();
    const key = k(`basic:${_label}`);
    expect(await c.set(`${key}:s`, "hello")).toBe("OK");
    expect(await c.get(`${key}:s`)).toBe("hello");
    expect(await direct.get(`${key}:s`)).toBe("hello");
    expect(await c.incr(`${key}:n`)).toBe(1);
    expect(await c.incrby(`${key}:n`, 41)).toBe(42);
    expect(await direct.get(`${key}:n`)).toBe("42");
    expect(await c.hset(`${key}:h`, { name: "Thandi", rooms: 3 })).toBe(2);
    expect(await c.hgetall(`${key}:h`)).toEqual({ name: "Thandi", rooms: 3 });
    expect(await direct.hgetall(`${key}:h`)).toEqual({ name: "Thandi", rooms: "3" });
    expect(await c.get(k("does-not-exist"))).toBeNull();
  });

  it("stores JSON values the way the SDK serialises them", async () => {
    await plain.set(k("json"), { unit: "4B", rent: 8500, tags: ["pet-friendly"] });
    expect(await plain.get(k("json"))).toEqual({ unit: "4B", rent: 8500, tags: ["pet-friendly"] });
    expect(JSON.parse((await direct.get(k("json"))) ?? "null")).toEqual({ unit: "4B", rent: 8500, tags: ["pet-friendly"] });
  });

  it("runs a pipeline: results in order, one failing command reported on its own", async () => {
    await direct.hset(k("pipe:hash"), "a", "1");
    const results = await plain
      .pipeline()
      .set(k("pipe:a"), "1")
      .incr(k("pipe:a"))
      .incr(k("pipe:hash"))
      .get(k("pipe:a"))
      .exec({ keepErrors: true });
    expect(results.map((r) => r.result)).toEqual(["OK", 2, undefined, 2]);
    expect(results[2]?.error).toMatch(/^WRONGTYPE/);
    expect(results[0]?.error).toBeUndefined();

    await expect(plain.pipeline().set(k("pipe:b"), "x").incr(k("pipe:hash")).exec()).rejects.toThrow(
      /Command 2 \[ incr \] failed: WRONGTYPE/,
    );
    expect(await direct.get(k("pipe:b"))).toBe("x");
  });

  it("runs multi-exec atomically, with runtime errors per command and queue errors failing the whole", async () => {
    const results = await plain.multi().set(k("tx:a"), "5").incr(k("tx:a")).get(k("tx:a")).exec();
    expect(results).toEqual(["OK", 6, 6]);

    // A runtime error fails only its own command; the others still ran (Redis transactions do not roll back).
    await direct.hset(k("tx:hash"), "a", "1");
    const mixed = await plain.multi().set(k("tx:b"), "1").incr(k("tx:hash")).exec({ keepErrors: true });
    expect(mixed[0]).toEqual({ result: "OK", error: undefined });
    expect(mixed[1]?.error).toMatch(/^WRONGTYPE/);
    expect(await direct.get(k("tx:b"))).toBe("1");
    // A command rejected while queueing (wrong arity) aborts everything: nothing was written.
    const res = await post("/multi-exec", [["set", k("tx:c"), "1"], ["set", k("tx:c")]]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: expect.stringMatching(/^EXECABORT .*wrong number of arguments/) as unknown });
    expect(await direct.exists(k("tx:c"))).toBe(0);
  });
});

describe("base64 response encoding", () => {
  const values = {
    unicode: "Ñandú café 日本語 🏠 — ünïcödé",
    control: "line1\nline2\ttab\u0000nul\u0001\u007f",
    quotes: 'he said "hi" \\ back\\slash',
    looksLikeBase64: "T0s=",
    ok: "OK",
    pong: "PONG",
    leadingZeros: "007",
    emptyString: "",
  };

  it.each(Object.entries(values))("round-trips %s values", async (name, value) => {
    const key = k(`b64:${name}`);
    await plain.set(key, value);
    expect(await plain.get(key)).toBe(value);
    expect(await noBase64.get(key)).toBe(value);
    expect(await direct.get(key)).toBe(value);
  });

  it("sends base64 on the wire only when asked", async () => {
    await direct.set(k("wire"), "héllo");
    expect((await post("/", ["get", k("wire")], undefined, { "Upstash-Encoding": "base64" })).body).toEqual({
      result: Buffer.from("héllo").toString("base64"),
    });
    expect((await post("/", ["get", k("wire")])).body).toEqual({ result: "héllo" });
    // Integers and nil are never encoded.
    expect((await post("/", ["incr", k("wire:n")], undefined, { "Upstash-Encoding": "base64" })).body).toEqual({ result: 1 });
    expect((await post("/", ["get", k("wire:none")], undefined, { "Upstash-Encoding": "base64" })).body).toEqual({ result: null });
  });

  it("decodes nested arrays, keeps integers and nulls", async () => {
    await direct.set(k("arr:a"), "ä");
    expect(await plain.mget(k("arr:a"), k("arr:missing"))).toEqual(["ä", null]);
    const nested = await plain.eval<[], unknown>("return {1, 'x', {2, 'ÿ', {3, 'deep'}}, 'end'}", [], []);
    expect(nested).toEqual([1, "x", [2, "ÿ", [3, "deep"]], "end"]);
    expect(
      (await post("/", ["eval", "return {1, 'x', {2, 'y'}}", 0], undefined, { "Upstash-Encoding": "base64" })).body,
    ).toEqual({ result: [1, "eA==", [2, "eQ=="]] });
  });

  it("carries bytes that are not UTF-8 exactly; the SDK then decodes them as UTF-8", async () => {
    await direct.set(k("binary"), Buffer.from([0x61, 0xff, 0x00, 0x62]));
    const wire = await post("/", ["get", k("binary")], undefined, { "Upstash-Encoding": "base64" });
    expect(Buffer.from((wire.body as { result: string }).result, "base64")).toEqual(Buffer.from([0x61, 0xff, 0x00, 0x62]));
    expect(await plain.get(k("binary"))).toBe("a\uFFFD\u0000b");
  });
});

describe("auth and errors", () => {
  it("rejects a wrong or missing token with 401 {error}", async () => {
    const wrong = new Redis({ url: shim.url, token: "not-the-token", enableTelemetry: false, retry: false });
    await expect(wrong.get(k("x"))).rejects.toThrow(/unauthorized/i);
    expect(await post("/", ["ping"], "Bearer not-the-token")).toEqual({
      status: 401,
      body: { error: expect.stringMatching(/unauthorized/i) as unknown },
    });
    expect((await post("/", ["ping"], "")).status).toBe(401);
    expect((await post("/pipeline", [["ping"]], `Basic ${token}`)).status).toBe(401);
  });

  it("passes a Redis error through as 400 {error}", async () => {
    await direct.hset(k("err:hash"), "a", "1");
    await expect(plain.incr(k("err:hash"))).rejects.toThrow(/^WRONGTYPE Operation against a key holding the wrong kind of value/);
    await expect(redis.incr(k("err:hash"))).rejects.toThrow(/WRONGTYPE/);
    expect(await post("/", ["incr", k("err:hash")])).toEqual({
      status: 400,
      body: { error: "WRONGTYPE Operation against a key holding the wrong kind of value" },
    });
    await expect(plain.evalsha("0".repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
  });

  it("refuses commands that make no sense over REST, with a clear error", async () => {
    await expect(plain.exec(["monitor"])).rejects.toThrow(/MONITOR is not supported over the REST API/);
    await expect(plain.exec(["subscribe", "news"])).rejects.toThrow(/SUBSCRIBE is not supported/);
    await expect(plain.exec(["multi"])).rejects.toThrow(/\/multi-exec/);
    await expect(plain.exec(["select", "1"])).rejects.toThrow(/single database/);
    const sse = await fetch(`${shim.url}/subscribe/news`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
    });
    expect(sse.status).toBe(400);
    expect(await sse.json()).toEqual({ error: expect.stringMatching(/SUBSCRIBE is not supported/) as unknown });
    // In a pipeline the refused command fails alone.
    const res = await post("/pipeline", [["set", k("refused:a"), "1"], ["monitor"], ["get", k("refused:a")]]);
    expect(res.body).toEqual([{ result: "OK" }, { error: expect.stringMatching(/MONITOR/) as unknown }, { result: "1" }]);
    // In a transaction nothing runs.
    const tx = await post("/multi-exec", [["set", k("refused:b"), "1"], ["monitor"]]);
    expect(tx.status).toBe(400);
    expect(await direct.exists(k("refused:b"))).toBe(0);
  });

  it("validates bodies", async () => {
    expect(await post("/", { set: "x" })).toEqual({ status: 400, body: { error: expect.stringMatching(/^ERR invalid request body/) as unknown } });
    expect((await post("/", [])).status).toBe(400);
    expect((await post("/", ["set", k("v"), { nested: true }])).status).toBe(400);
    expect((await post("/", "not json")).body).toEqual({ error: "ERR request body is not valid JSON" });
    expect((await post("/pipeline", ["get", "x"])).status).toBe(400);
  });

  it("accepts path-style commands", async () => {
    const auth = { authorization: `Bearer ${token}` };
    const set = await fetch(`${shim.url}/set/${encodeURIComponent(k("path a"))}/${encodeURIComponent("va/lue ü")}`, { headers: auth });
    expect(await set.json()).toEqual({ result: "OK" });
    expect(await direct.get(k("path a"))).toBe("va/lue ü");
    const post2 = await fetch(`${shim.url}/set/${encodeURIComponent(k("path b"))}`, { method: "POST", headers: auth, body: "from body" });
    expect(await post2.json()).toEqual({ result: "OK" });
    const get = await fetch(`${shim.url}/get/${encodeURIComponent(k("path b"))}`, { headers: auth });
    expect(await get.json()).toEqual({ result: "from body" });
  });

  it("counts commands by name, never recording arguments", () => {
    const stats = shim.stats();
    expect(stats.set).toBeGreaterThan(0);
    expect(Object.keys(stats).every((name) => /^[a-z_]+$/.test(name))).toBe(true);
  });
});

describe("startup", () => {
  it("refuses to start without a token or without a reachable Redis, never echoing the password", async () => {
    await expect(startUpstashShim({ port: 0, token: "", logLevel: "silent" })).rejects.toThrow(/token is required/);
    const failure = startUpstashShim({ port: 0, token, redisUrl: "redis://:hunter2@127.0.0.1:1", logLevel: "silent" });
    await expect(failure).rejects.toThrow(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(connect ECONNREFUSED/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});

describe("blocking commands", () => {
  it("run on their own connection, so other requests are not held up", async () => {
    const waiting = plain.exec<[string, string] | null>(["blpop", k("queue"), "5"]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    expect(await plain.set(k("meanwhile"), "1")).toBe("OK");
    expect(performance.now() - started).toBeLessThan(1_000);
    await direct.lpush(k("queue"), "job-1");
    expect(await waiting).toEqual([k("queue"), "job-1"]);
  });
});

describe("protocol helpers", () => {
  it("strips only the shebang flags Redis does not know", () => {
    expect(toRedisScript("return 1")).toBe("return 1");
    expect(toRedisScript("#!lua\nreturn 1")).toBe("#!lua\nreturn 1");
    expect(toRedisScript("#!lua flags=allow-key-locking\n  return 1")).toBe("#!lua\n  return 1");
    expect(toRedisScript("#!lua flags=no-writes,allow-key-locking\nreturn 1")).toBe("#!lua flags=no-writes\nreturn 1");
    expect(toRedisScript("#!lua flags=no-writes,allow-oom\nreturn 1")).toBe("#!lua flags=no-writes,allow-oom\nreturn 1");
    expect(toRedisScript("#!lua name=lib flags=allow-key-locking")).toBe("#!lua name=lib");
  });

  it("refuses by command name, case-insensitively, and lets everything else through", () => {
    expect(refusalReason(["SUBSCRIBE", "x"])).toMatch(/^ERR SUBSCRIBE is not supported/);
    expect(refusalReason(["client", "REPLY", "OFF"])).toMatch(/CLIENT REPLY/);
    expect(refusalReason(["client", "list"])).toBeNull();
    expect(refusalReason(["get", "x"])).toBeNull();
    expect(refusalReason(["some-future-command"])).toBeNull();
  });

  it("logs error codes, not messages", () => {
    expect(errorCode("NOSCRIPT No matching script. Please use EVAL.")).toBe("NOSCRIPT");
    expect(errorCode("WRONGTYPE Operation against a key")).toBe("WRONGTYPE");
    expect(errorCode("ERR unauthorized: missing or invalid bearer token")).toBe("ERR");
    expect(errorCode("user_script:1: Script attempted to access key alice@example.com")).toBe("ERR");
  });
});

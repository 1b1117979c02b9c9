/**
 * The Upstash Redis REST protocol, as the SDKs in node_modules actually speak it. Pure functions only
 * (no sockets), so every rule here is unit-testable. Sources, all read from the installed packages:
 *
 * - @upstash/redis 1.39 `chunk-*.mjs`, `HttpClient.request`: every request is a POST to
 *   `[baseUrl, ...path].join("/")` with `Authorization: Bearer <token>`, `Content-Type: application/json`
 *   and a JSON body. A single command has no path (so it lands on `/`) and its body is the command as a
 *   JSON array (`["set","k","v"]`); `Command` serialises string/number/boolean arguments as they are and
 *   anything else with `JSON.stringify` (so a `null` argument arrives as the string "null").
 * - `Pipeline.exec`: path `pipeline` or `multi-exec`, body an array of command arrays, response an
 *   array of `{result}` / `{error}` objects, one per command, in order.
 * - A non-2xx response is read as JSON and `body.error` becomes the `UpstashError` message; a 2xx
 *   response with `{error}` also throws `UpstashError(error)` (`Command.exec`).
 * - `responseEncoding` defaults to "base64", which sends `Upstash-Encoding: base64`; the client then
 *   decodes (`decode`/`base64decode`): a top-level string is base64 (except the literal "OK"), a number
 *   is left alone, `null` stays `null`, an array has its string members decoded and nested arrays
 *   decoded recursively, and `{error}` is never decoded. Decoding is `atob` then UTF-8 `TextDecoder`.
 * - `subscribe`/`psubscribe` use path `subscribe/<channels>` with `Accept: text/event-stream`; the
 *   client throws on a non-2xx status before reading the stream, so refusing them with 400 is clean.
 * - @upstash/ratelimit 2.2 `dist/index.mjs`, `safeEval`: EVALSHA with a hard-coded SHA-1 of the script
 *   text; if the error text contains "NOSCRIPT" it retries with EVAL. Every script starts with
 *   `#!lua flags=allow-key-locking`, an Upstash-only flag that real Redis 7 rejects
 *   ("ERR Unexpected flag in script shebang"), so the shim strips flags Redis does not know before
 *   the script reaches Redis and maps the client's SHA-1 to the SHA-1 Redis stored (see ScriptRegistry).
 */
import { createHash } from "node:crypto";
import { z } from "zod";

// ---------------------------------------------------------------------------------------------------
// Request bodies

const argument = z.union([z.string(), z.number(), z.boolean()], {
  error: "each command argument must be a string, number or boolean",
});

/** One command as the SDK sends it: `["set", "key", "value", "EX", 60]`. */
export const commandBodySchema = z.array(argument).min(1, "the command array is empty");

/** `/pipeline` and `/multi-exec`: an array of commands. */
export const commandListBodySchema = z.array(commandBodySchema).min(1, "the command list is empty");

export type CommandArgs = string[];

export function normaliseCommand(raw: readonly (string | number | boolean)[]): CommandArgs {
  return raw.map((arg) => (typeof arg === "string" ? arg : String(arg)));
}

/** A zod error as one line, in the `ERR ...` style Redis itself uses. */
export function describeBodyError(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at [${issue.path.join("][")}]` : "";
  return `ERR invalid request body${where}: ${issue?.message ?? "malformed"}`;
}

// ---------------------------------------------------------------------------------------------------
// Commands that make no sense over a stateless REST API

/**
 * Every REST request shares the shim's Redis connection, so anything that changes connection state or
 * takes the connection over is refused (Upstash's REST API refuses these as well, or serves them on
 * other endpoints). This is a short deny-list, not an allow-list: every other command goes to Redis.
 */
const REFUSED: Record<string, string> = {
  subscribe: "pub/sub needs a persistent connection; use a Redis TCP client",
  psubscribe: "pub/sub needs a persistent connection; use a Redis TCP client",
  ssubscribe: "pub/sub needs a persistent connection; use a Redis TCP client",
  unsubscribe: "pub/sub needs a persistent connection; use a Redis TCP client",
  punsubscribe: "pub/sub needs a persistent connection; use a Redis TCP client",
  sunsubscribe: "pub/sub needs a persistent connection; use a Redis TCP client",
  monitor: "MONITOR streams forever and needs a persistent connection",
  sync: "replication commands are not available over REST",
  psync: "replication commands are not available over REST",
  replconf: "replication commands are not available over REST",
  replicaof: "replication commands are not available over REST",
  slaveof: "replication commands are not available over REST",
  failover: "replication commands are not available over REST",
  shutdown: "SHUTDOWN is not available over REST",
  multi: "transactions span requests over REST; send the commands to /multi-exec instead",
  exec: "transactions span requests over REST; send the commands to /multi-exec instead",
  discard: "transactions span requests over REST; send the commands to /multi-exec instead",
  watch: "WATCH needs a persistent connection; REST requests are stateless",
  unwatch: "WATCH needs a persistent connection; REST requests are stateless",
  hello: "the protocol is fixed by the REST API",
  auth: "authenticate with the bearer token instead",
  select: "the REST API serves a single database",
  quit: "there is no connection to quit over REST",
  reset: "there is no connection to reset over REST",
};

/** CLIENT subcommands that would change the shared connection. */
const REFUSED_CLIENT_SUBCOMMANDS = new Set([
  "reply",
  "tracking",
  "caching",
  "setname",
  "setinfo",
  "no-evict",
  "no-touch",
  "pause",
  "unpause",
  "kill",
]);

/** Why a command is refused, or null if it may go to Redis. */
export function refusalReason(args: CommandArgs): string | null {
  const name = (args[0] ?? "").toLowerCase();
  const reason = REFUSED[name];
  if (reason) return `ERR ${name.toUpperCase()} is not supported over the REST API: ${reason}`;
  if (name === "client" && REFUSED_CLIENT_SUBCOMMANDS.has((args[1] ?? "").toLowerCase())) {
    return `ERR CLIENT ${(args[1] ?? "").toUpperCase()} is not supported over the REST API: it would change the shared connection`;
  }
  return null;
}

const BLOCKING = new Set([
  "blpop",
  "brpop",
  "brpoplpush",
  "blmove",
  "blmpop",
  "bzpopmin",
  "bzpopmax",
  "bzmpop",
  "wait",
  "waitaof",
]);

/** Commands that can hold their connection for a while; the shim runs them on a connection of their own. */
export function isBlockingCommand(args: CommandArgs): boolean {
  const name = (args[0] ?? "").toLowerCase();
  if (BLOCKING.has(name)) return true;
  if (name === "xread" || name === "xreadgroup") return args.some((arg) => arg.toLowerCase() === "block");
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Lua scripts: Upstash-only shebang flags

/** The flags Redis 7 accepts in a `#!lua flags=...` shebang (redis.io, "Script flags"). */
const REDIS_SCRIPT_FLAGS = new Set(["no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"]);

export function sha1Hex(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("hex");
}

/**
 * The script as Redis will accept it: shebang flags Redis does not know (Upstash's
 * `allow-key-locking`) are dropped; everything else, including the line count, is untouched.
 */
export function toRedisScript(script: string): string {
  if (!script.startsWith("#!")) return script;
  const newline = script.indexOf("\n");
  const firstLine = newline === -1 ? script : script.slice(0, newline);
  const rest = newline === -1 ? "" : script.slice(newline);
  const [engine, ...params] = firstLine.slice(2).split(" ").filter((part) => part.length > 0);
  if (engine === undefined) return script;
  let changed = false;
  const kept: string[] = [];
  for (const param of params) {
    if (!param.startsWith("flags=")) {
      kept.push(param);
      continue;
    }
    const flags = param.slice("flags=".length).split(",").filter((flag) => flag.length > 0);
    const known = flags.filter((flag) => REDIS_SCRIPT_FLAGS.has(flag));
    if (known.length !== flags.length) changed = true;
    if (known.length > 0) kept.push(`flags=${known.join(",")}`);
    else changed = true;
  }
  return changed ? `#!${[engine, ...kept].join(" ")}${rest}` : script;
}

/**
 * Remembers which SHA-1 the client knows a script by (SHA-1 of the text it sent) and which SHA-1
 * Redis stored it under (SHA-1 of the rewritten text), so EVALSHA / SCRIPT EXISTS with the client's
 * hash find the script. Unknown hashes pass through untouched, so after a restart of the shim or a
 * SCRIPT FLUSH Redis answers NOSCRIPT and the client falls back to EVAL, exactly as against Upstash.
 */
export class ScriptRegistry {
  private readonly redisShaByClientSha = new Map<string, string>();

  /** Rewrites a script for Redis; returns the text to send. */
  register(script: string): { redisScript: string; clientSha: string } {
    const redisScript = toRedisScript(script);
    const clientSha = sha1Hex(script);
    if (redisScript !== script) this.redisShaByClientSha.set(clientSha, sha1Hex(redisScript));
    return { redisScript, clientSha };
  }

  translate(sha: string): string {
    return this.redisShaByClientSha.get(sha.toLowerCase()) ?? sha;
  }

  clear(): void {
    this.redisShaByClientSha.clear();
  }

  get size(): number {
    return this.redisShaByClientSha.size;
  }
}

// ---------------------------------------------------------------------------------------------------
// Preparing a command for Redis

/** A reply as ioredis returns it with buffers kept raw (RESP2). */
export type RedisReply = null | number | string | Buffer | Error | RedisReply[];

export interface PreparedCommand {
  /** Lower-case command name, for logs and stats (never the arguments). */
  name: string;
  args: CommandArgs;
  /** Adjusts a successful reply before it is encoded (e.g. SCRIPT LOAD answers the client's SHA). */
  after?: (reply: RedisReply) => RedisReply;
}

export function prepareCommand(raw: CommandArgs, scripts: ScriptRegistry): PreparedCommand {
  const args = [...raw];
  const name = (args[0] ?? "").toLowerCase();
  const sub = (args[1] ?? "").toLowerCase();

  if ((name === "eval" || name === "eval_ro") && args[1] !== undefined) {
    args[1] = scripts.register(args[1]).redisScript;
    return { name, args };
  }
  if ((name === "evalsha" || name === "evalsha_ro") && args[1] !== undefined) {
    args[1] = scripts.translate(args[1]);
    return { name, args };
  }
  if (name === "script" && sub === "load" && args[2] !== undefined) {
    const { redisScript, clientSha } = scripts.register(args[2]);
    args[2] = redisScript;
    return { name, args, after: () => clientSha };
  }
  if (name === "script" && sub === "exists") {
    return { name, args: args.map((arg, index) => (index >= 2 ? scripts.translate(arg) : arg)) };
  }
  if (name === "script" && sub === "flush") {
    return {
      name,
      args,
      after: (reply) => {
        scripts.clear();
        return reply;
      },
    };
  }
  return { name, args };
}

// ---------------------------------------------------------------------------------------------------
// Encoding replies

export type JsonReply = null | number | string | JsonReply[];

/**
 * A Redis reply as the REST API returns it. With base64 on, every string (bulk and status replies
 * alike, at any depth) is the base64 of its raw bytes, so binary and non-UTF-8-safe values survive
 * JSON; integers stay numbers and nil stays null, matching what the SDK's `decode` expects. Without
 * base64, strings are sent as UTF-8 text.
 */
export function encodeReply(reply: RedisReply, base64: boolean): JsonReply {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === "number") return reply;
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, base64));
  if (reply instanceof Error) return encodeText(Buffer.from(reply.message, "utf8"), base64);
  if (typeof reply === "string") return encodeText(Buffer.from(reply, "utf8"), base64);
  return encodeText(reply, base64);
}

function encodeText(bytes: Buffer, base64: boolean): string {
  return base64 ? bytes.toString("base64") : bytes.toString("utf8");
}

/** The first word of a Redis error ("NOSCRIPT", "WRONGTYPE", "ERR"): safe to log, unlike the message. */
export function errorCode(message: string): string {
  return /^([A-Z][A-Z_-]+)(?=\s|$)/.exec(message)?.[1] ?? "ERR";
}

/** Path-style requests (`GET /set/key/value`, `POST /set/key` with the value as the body). */
export function commandFromPath(pathname: string, body: string | undefined): CommandArgs {
  const segments = pathname
    .split("/")
    .filter((segment) => segment.length > 0)
    .map((segment) => decodeURIComponent(segment));
  if (body !== undefined && body.length > 0) segments.push(body);
  return segments;
}

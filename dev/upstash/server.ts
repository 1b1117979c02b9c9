/**
 * Local stand-in for Upstash Redis: an HTTP server speaking the Upstash REST protocol (see
 * ./protocol.ts for the protocol facts and where in the SDK sources they come from) in front of a real
 * Redis. The app talks to it with the unmodified `@upstash/redis` client; only UPSTASH_REDIS_REST_URL
 * and UPSTASH_REDIS_REST_TOKEN differ between local and production.
 *
 *   POST /             one command, body `["set","k","v"]`           -> `{result}` | 400 `{error}`
 *   POST /pipeline     body `[["set","k","v"],["get","k"]]`          -> `[{result}|{error}, ...]`
 *   POST /multi-exec   same body, run in MULTI/EXEC                  -> `[{result}|{error}, ...]`
 *   GET|POST /cmd/arg  path-style command (POST body = last argument) -> `{result}` | 400 `{error}`
 *
 * Redis errors pass through as 400 `{error: "<redis message>"}`; a missing or wrong bearer token is
 * 401; Redis being unreachable is 503.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Command, Redis, ReplyError, type Pipeline } from "ioredis";
import { createShimLogger, type ShimLogger, type ShimLogLevel } from "./log";
import {
  commandBodySchema,
  commandFromPath,
  commandListBodySchema,
  describeBodyError,
  encodeReply,
  errorCode,
  isBlockingCommand,
  normaliseCommand,
  prepareCommand,
  refusalReason,
  ScriptRegistry,
  type CommandArgs,
  type JsonReply,
  type PreparedCommand,
  type RedisReply,
} from "./protocol";

export interface UpstashShimOptions {
  /** Port to listen on; 0 picks a free one. Default 8079. */
  port?: number;
  /** Default 127.0.0.1 (the shim has no TLS; keep it off public interfaces). */
  host?: string;
  /** The bearer token clients must send (UPSTASH_REDIS_REST_TOKEN). */
  token: string;
  /** Default REDIS_URL or redis://127.0.0.1:6379. */
  redisUrl?: string;
  /** Default "info"; requests are logged at "debug". */
  logLevel?: ShimLogLevel;
  logger?: ShimLogger;
  /** Largest request body accepted. Default 10 MiB. */
  maxBodyBytes?: number;
}

export interface UpstashShim {
  url: string;
  port: number;
  /** Commands executed so far, by lower-case name (diagnostics and tests). */
  stats(): Record<string, number>;
  close(): Promise<void>;
}

const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

/** ioredis applies per-command reply transformers (HGETALL -> object); the REST API returns raw replies. */
class RawCommand extends Command {
  constructor(args: CommandArgs) {
    super(args[0] ?? "", args.slice(1), { replyEncoding: null });
  }
  override transformReply(result: Buffer | Buffer[]): Buffer | Buffer[] {
    return result;
  }
}

/** ioredis types ReplyError as `any`; it is the class of every error reply Redis sends. */
const RedisReplyError = ReplyError as unknown as new (message: string) => Error & { previousErrors?: Error[] };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type ItemResult = { result: JsonReply } | { error: string };

export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable REDIS_URL)";
  }
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

export async function startUpstashShim(options: UpstashShimOptions): Promise<UpstashShim> {
  if (!options.token) throw new Error("startUpstashShim: a token is required (UPSTASH_REDIS_REST_TOKEN)");
  const log = options.logger ?? createShimLogger(options.logLevel ?? "info");
  const host = options.host ?? "127.0.0.1";
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const tokenDigest = digest(options.token);
  const scripts = new ScriptRegistry();
  const counts = new Map<string, number>();
  const blockingConnections = new Set<Redis>();

  const redisOptions = {
    // RESP2: the REST API's reply shapes are RESP2's (flat arrays for hashes, strings for doubles).
    protocol: 2,
    maintNotifications: "disabled",
    lazyConnect: true,
    enableAutoPipelining: false,
    // Fail a request quickly when Redis is down instead of queueing it for a long reconnect loop.
    maxRetriesPerRequest: 1,
    connectionName: "upstash-shim",
  } as const;
  const redis = new Redis(redisUrl, redisOptions);
  let redisHealthy = true;
  let lastConnectionError: (Error & { code?: string }) | undefined;
  let connectedOnce = false;
  redis.on("error", (error: Error & { code?: string }) => {
    lastConnectionError = error;
    if (!redisHealthy || !connectedOnce) return;
    redisHealthy = false;
    log.warn("redis connection error", { redis: redactRedisUrl(redisUrl), error: error.code ?? error.name });
  });
  redis.on("ready", () => {
    if (!redisHealthy) log.info("redis connection restored", { redis: redactRedisUrl(redisUrl) });
    redisHealthy = true;
  });

  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const cause = lastConnectionError ?? error;
    throw new Error(
      `Upstash shim: cannot reach Redis at ${redactRedisUrl(redisUrl)} (${cause instanceof Error ? cause.message : String(cause)})`,
      { cause },
    );
  }
  connectedOnce = true;

  const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);

  async function withBlockingConnection<T>(run: (connection: Redis) => Promise<T>): Promise<T> {
    const connection = new Redis(redisUrl, { ...redisOptions, connectionName: "upstash-shim-blocking" });
    connection.on("error", () => {});
    blockingConnections.add(connection);
    try {
      await connection.connect();
      return await run(connection);
    } finally {
      blockingConnections.delete(connection);
      connection.disconnect();
    }
  }

  async function runOne(prepared: PreparedCommand): Promise<RedisReply> {
    count(prepared.name);
    const send = async (connection: Redis) => {
      const reply = (await connection.sendCommand(new RawCommand(prepared.args))) as RedisReply;
      return prepared.after ? prepared.after(reply) : reply;
    };
    return isBlockingCommand(prepared.args) ? withBlockingConnection(send) : send(redis);
  }

  async function runBatch(prepared: PreparedCommand[], transaction: boolean, base64: boolean): Promise<ItemResult[]> {
    for (const command of prepared) count(command.name);
    const send = async (connection: Redis) => {
      const batch = (transaction ? connection.multi() : connection.pipeline()) as unknown as Pipeline;
      for (const command of prepared) void batch.sendCommand(new RawCommand(command.args));
      return batch.exec();
    };
    // Inside MULTI, blocking commands do not block; in a plain pipeline they would hold the shared connection.
    const blocking = !transaction && prepared.some((command) => isBlockingCommand(command.args));
    let replies: [error: Error | null, result: unknown][] | null;
    try {
      replies = blocking ? await withBlockingConnection(send) : await send(redis);
    } catch (error) {
      if (error instanceof RedisReplyError) {
        // EXECABORT: a command was rejected while queueing, nothing ran. Name the command that failed.
        const detail = (error.previousErrors ?? []).map((item) => item.message).join("; ");
        throw new RedisReplyError(detail ? `${error.message} ${detail}` : error.message);
      }
      throw error;
    }
    if (replies === null) throw new RedisReplyError("EXECABORT Transaction aborted");
    return replies.map(([error, reply], index): ItemResult => {
      if (error) {
        if (error instanceof RedisReplyError) return { error: error.message };
        throw error;
      }
      const command = prepared[index];
      const adjusted = command?.after ? command.after(reply as RedisReply) : (reply as RedisReply);
      return { result: encodeReply(adjusted, base64) };
    });
  }

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1]) return false;
    return timingSafeEqual(digest(match[1].trim()), tokenDigest);
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBodyBytes) throw new HttpError(413, `ERR request body larger than ${maxBodyBytes} bytes`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  function parseJson(text: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new HttpError(400, "ERR request body is not valid JSON");
    }
  }

  function prepare(args: CommandArgs): PreparedCommand {
    const refused = refusalReason(args);
    if (refused) throw new HttpError(400, refused);
    return prepareCommand(args, scripts);
  }

  function send(res: ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  }

  /** Returns the route, the command names and the body to answer with (never the arguments). */
  async function handle(req: IncomingMessage): Promise<{ status: number; body: unknown; commands: string[] }> {
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "POST") throw new HttpError(405, `ERR method ${method} is not supported`);
    if (!authorised(req)) throw new HttpError(401, "ERR unauthorized: missing or invalid bearer token");

    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const pathname = new URL(req.url ?? "/", "http://shim").pathname.replace(/\/+$/, "");
    const text = method === "POST" ? await readBody(req) : undefined;

    if (method === "POST" && (pathname === "/pipeline" || pathname === "/multi-exec")) {
      const parsed = commandListBodySchema.safeParse(parseJson(text ?? ""));
      if (!parsed.success) throw new HttpError(400, describeBodyError(parsed.error));
      const commands = parsed.data.map(normaliseCommand);
      const names = commands.map((args) => (args[0] ?? "").toLowerCase());
      const transaction = pathname === "/multi-exec";
      if (transaction) {
        // All or nothing: a refused command fails the whole transaction before anything runs.
        const prepared = commands.map(prepare);
        return { status: 200, body: await runBatch(prepared, true, base64), commands: names };
      }
      // A pipeline is not atomic: a refused command fails alone, the others still run.
      const items: (ItemResult | null)[] = commands.map((args) => {
        const refused = refusalReason(args);
        return refused ? { error: refused } : null;
      });
      const runnable = commands.flatMap((args, index) => (items[index] ? [] : [prepareCommand(args, scripts)]));
      const results = runnable.length > 0 ? await runBatch(runnable, false, base64) : [];
      let next = 0;
      const merged = items.map((item) => item ?? results[next++] ?? { error: "ERR missing reply" });
      return { status: 200, body: merged, commands: names };
    }

    let args: CommandArgs;
    if (method === "POST" && pathname === "") {
      const parsed = commandBodySchema.safeParse(parseJson(text ?? ""));
      if (!parsed.success) throw new HttpError(400, describeBodyError(parsed.error));
      args = normaliseCommand(parsed.data);
    } else {
      try {
        args = commandFromPath(pathname, text);
      } catch {
        throw new HttpError(400, "ERR malformed URL encoding in the command path");
      }
      if (args.length === 0) throw new HttpError(400, "ERR empty command: POST a JSON array such as [\"ping\"]");
    }
    const name = (args[0] ?? "").toLowerCase();
    const reply = await runOne(prepare(args));
    return { status: 200, body: { result: encodeReply(reply, base64) }, commands: [name] };
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const route = new URL(req.url ?? "/", "http://shim").pathname.replace(/\/+$/, "");
    const routeLabel = route === "" || route === "/pipeline" || route === "/multi-exec" ? route || "/" : "path-style";
    handle(req).then(
      ({ status, body, commands }) => {
        send(res, status, body);
        log.debug("request", {
          route: routeLabel,
          commands: commands.slice(0, 20),
          commandCount: commands.length,
          status,
          ms: Math.round(performance.now() - started),
        });
      },
      (error: unknown) => {
        let status: number;
        let message: string;
        if (error instanceof HttpError) {
          status = error.status;
          message = error.message;
        } else if (error instanceof RedisReplyError) {
          status = 400;
          message = error.message;
        } else {
          status = 503;
          message = `ERR the Upstash shim could not reach Redis: ${error instanceof Error ? error.message : String(error)}`;
        }
        if (!res.headersSent) send(res, status, { error: message });
        else res.destroy();
        log[status >= 500 ? "warn" : "debug"]("request failed", {
          route: routeLabel,
          status,
          code: errorCode(message),
          ms: Math.round(performance.now() - started),
        });
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8079, host, () => {
      server.off("error", reject);
      resolve();
    });
  }).catch((error: unknown) => {
    redis.disconnect();
    throw error;
  });

  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  log.info("upstash shim listening", { url, redis: redactRedisUrl(redisUrl) });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    stats: () => Object.fromEntries(counts),
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        for (const connection of blockingConnections) connection.disconnect();
        await redis.quit().catch(() => redis.disconnect());
        log.info("upstash shim stopped", { url });
      })();
      return closing;
    },
  };
}

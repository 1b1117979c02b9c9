/**
 * Run the Upstash REST shim on its own:
 *
 *   npx tsx dev/upstash/cli.ts [--port 8079] [--host 127.0.0.1]
 *
 * Environment: UPSTASH_REDIS_REST_TOKEN (default: the dev token from .data/dev-keys.json, the same one
 * the dev runner gives the app), REDIS_URL (default redis://127.0.0.1:6379), UPSTASH_SHIM_PORT,
 * UPSTASH_SHIM_HOST, UPSTASH_SHIM_LOG_LEVEL (debug logs every request: route, command names, status).
 * Point the app at it with UPSTASH_REDIS_REST_URL=http://127.0.0.1:8079.
 */
import { parseArgs } from "node:util";
import { loadDevEnv } from "../dev-env";
import { createShimLogger, isShimLogLevel } from "./log";
import { startUpstashShim } from "./server";

const { values } = parseArgs({
  options: { port: { type: "string" }, host: { type: "string" } },
  allowPositionals: false,
});

const levelFromEnv = process.env.UPSTASH_SHIM_LOG_LEVEL;
const log = createShimLogger(isShimLogLevel(levelFromEnv) ? levelFromEnv : "info");

const portText = values.port ?? process.env.UPSTASH_SHIM_PORT ?? "8079";
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log.error("invalid port", { port: portText });
  process.exit(2);
}

const tokenFromEnv = process.env.UPSTASH_REDIS_REST_TOKEN;
const token = tokenFromEnv || loadDevEnv().UPSTASH_REDIS_REST_TOKEN;
if (!token) {
  log.error("no token: set UPSTASH_REDIS_REST_TOKEN");
  process.exit(2);
}

try {
  const shim = await startUpstashShim({
    port,
    host: values.host ?? process.env.UPSTASH_SHIM_HOST ?? "127.0.0.1",
    token,
    redisUrl: process.env.REDIS_URL,
    logger: log,
  });
  log.info("ready", {
    UPSTASH_REDIS_REST_URL: shim.url,
    tokenSource: tokenFromEnv ? "UPSTASH_REDIS_REST_TOKEN" : ".data/dev-keys.json",
  });
  const stop = () => {
    shim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  log.error("failed to start", { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

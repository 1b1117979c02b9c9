/**
 * Standalone Pusher stand-in:
 *   PUSHER_APP_ID=… PUSHER_KEY=… PUSHER_SECRET=… npx tsx dev/pusher/cli.ts
 * or, with the generated dev keys: npx tsx dev/with-dev-env.ts npx tsx dev/pusher/cli.ts
 * Optional: PUSHER_PORT (default 6001), PUSHER_BIND_HOST (default 127.0.0.1),
 * PUSHER_ACTIVITY_TIMEOUT (seconds, default 120), LOG_LEVEL.
 */
import { z } from "zod";
import { createLogger } from "./logger";
import { DEFAULT_ACTIVITY_TIMEOUT_SECONDS, DEFAULT_PORT, startPusherServer } from "./server";

const envSchema = z.object({
  PUSHER_APP_ID: z.string().min(1),
  PUSHER_KEY: z.string().min(1),
  PUSHER_SECRET: z.string().min(1),
  PUSHER_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  PUSHER_BIND_HOST: z.string().min(1).default("127.0.0.1"),
  PUSHER_ACTIVITY_TIMEOUT: z.coerce.number().int().min(1).max(3600).default(DEFAULT_ACTIVITY_TIMEOUT_SECONDS),
});

const logger = createLogger();
const emptyAsUnset = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ""));
const env = envSchema.safeParse(emptyAsUnset);
if (!env.success) {
  logger.error("invalid environment", { problems: env.error.issues.map((issue) => issue.path.join(".")).join(",") });
  process.exit(1);
}

const server = await startPusherServer({
  port: env.data.PUSHER_PORT,
  host: env.data.PUSHER_BIND_HOST,
  activityTimeoutSeconds: env.data.PUSHER_ACTIVITY_TIMEOUT,
  apps: [{ id: env.data.PUSHER_APP_ID, key: env.data.PUSHER_KEY, secret: env.data.PUSHER_SECRET }],
});

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));

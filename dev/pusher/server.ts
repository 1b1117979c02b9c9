/**
 * A small Pusher Channels-compatible server (the soketi stand-in): one HTTP server answers the REST
 * API (http-api.ts) and upgrades `/app/<key>` to protocol-7 WebSockets (connection.ts). App code talks
 * to it with the real `pusher` and `pusher-js` SDKs; only host/port/key settings differ from
 * production. Development and tests only.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { z } from "zod";
import { ChannelRegistry } from "./channels";
import { acceptConnection, parseHandshake, refuseConnection, type AppContext } from "./connection";
import { createHttpHandler } from "./http-api";
import { createLogger, type Logger, type LogLevel } from "./logger";

export interface PusherServerOptions {
  port?: number;
  host?: string;
  apps: Array<{ id: string; key: string; secret: string }>;
  activityTimeoutSeconds?: number;
  logLevel?: LogLevel;
}

export interface RunningPusherServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 6001;
/** Pusher's own default (pusher-js Defaults.activityTimeout is 120 000 ms). */
export const DEFAULT_ACTIVITY_TIMEOUT_SECONDS = 120;
const MAX_FRAME_BYTES = 100 * 1024;

const optionsSchema = z.object({
  port: z.number().int().min(0).max(65535).default(DEFAULT_PORT),
  host: z.string().min(1).default("127.0.0.1"),
  apps: z
    .array(z.object({ id: z.string().min(1), key: z.string().min(1), secret: z.string().min(1) }))
    .min(1)
    .refine((apps) => new Set(apps.map((app) => app.id)).size === apps.length, { message: "app ids must be unique" })
    .refine((apps) => new Set(apps.map((app) => app.key)).size === apps.length, { message: "app keys must be unique" }),
  activityTimeoutSeconds: z.number().int().min(1).max(3600).default(DEFAULT_ACTIVITY_TIMEOUT_SECONDS),
  logLevel: z.enum(["debug", "info", "warn", "error", "silent"]).optional(),
});

export async function startPusherServer(options: PusherServerOptions): Promise<RunningPusherServer> {
  const config = optionsSchema.parse(options);
  const logger: Logger = createLogger(config.logLevel);

  const byKey = new Map<string, AppContext>();
  const byId = new Map<string, AppContext>();
  for (const app of config.apps) {
    const context: AppContext = { app, registry: new ChannelRegistry() };
    byKey.set(app.key, context);
    byId.set(app.id, context);
  }

  const settings = {
    activityTimeoutSeconds: config.activityTimeoutSeconds,
    pongTimeoutMs: Math.min(30, config.activityTimeoutSeconds) * 1000,
    clientEventsPerSecond: 10,
    logger,
  };

  const server: Server = createServer(createHttpHandler({ findAppById: (id) => byId.get(id), logger }));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    wss.handleUpgrade(req, socket, head, (ws) => {
      const handshake = parseHandshake(req.url, (key) => byKey.get(key));
      if (!handshake.ok) {
        logger.warn("connection refused", { code: handshake.code });
        refuseConnection(ws, handshake.code, handshake.message);
        return;
      }
      acceptConnection(ws, handshake.context, settings);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const address = server.address();
  const port = isAddressInfo(address) ? address.port : config.port;
  const publicHost = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const url = `http://${publicHost.includes(":") ? `[${publicHost}]` : publicHost}:${port}`;
  logger.info("pusher stand-in listening", { url, apps: config.apps.length, activityTimeoutSeconds: config.activityTimeoutSeconds });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }).then(() => logger.info("pusher stand-in stopped", { url }));
    return closing;
  };

  return { url, port, close };
}

function isAddressInfo(value: string | AddressInfo | null): value is AddressInfo {
  return value !== null && typeof value === "object";
}

/**
 * One WebSocket connection: the protocol-7 handshake, subscriptions, client events and the activity
 * check. Pusher-js behaviour this follows (node_modules/pusher-js/src/core):
 *  - connection/handshake/index.ts + protocol/protocol.ts: the first frame must be
 *    `pusher:connection_established` (data: JSON string `{socket_id, activity_timeout}`) or a
 *    `pusher:error` `{code, message}`; we then also close with that code;
 *  - connection/connection_manager.ts: the client answers `pusher:ping` with `pusher:pong` and pings
 *    us after `activity_timeout` seconds of silence;
 *  - channels/channel.ts: subscriptions are `pusher:subscribe {channel, auth, channel_data}`, and a
 *    server `pusher:subscription_error` on a channel is emitted to the app as-is.
 */
import { randomInt } from "node:crypto";
import { WebSocket, type RawData } from "ws";
import type { ChannelRegistry, SocketHandle } from "./channels";
import type { Logger } from "./logger";
import {
  byteLength,
  channelKind,
  channelNameSchema,
  connectionEstablished,
  encode,
  ErrorCode,
  incomingFrameSchema,
  MAX_DATA_BYTES,
  PING,
  PONG,
  presenceChannelDataSchema,
  PROTOCOL_VERSION,
  pusherError,
  subscribeDataSchema,
  subscriptionError,
  subscriptionSucceeded,
  unsubscribeDataSchema,
  type IncomingFrame,
  type PresenceMember,
} from "./protocol";
import { verifyChannelAuth, type AppCredentials } from "./signature";

export interface AppContext {
  app: AppCredentials;
  registry: ChannelRegistry;
}

export interface ConnectionSettings {
  activityTimeoutSeconds: number;
  pongTimeoutMs: number;
  /** Pusher's default: 10 client events per second per connection. */
  clientEventsPerSecond: number;
  logger: Logger;
}

export type HandshakeResult = { ok: true; context: AppContext } | { ok: false; code: number; message: string };

/** Validates `/app/<key>?protocol=7&client=…&version=…` and finds the app. */
export function parseHandshake(requestUrl: string | undefined, findAppByKey: (key: string) => AppContext | undefined): HandshakeResult {
  const url = new URL(requestUrl ?? "/", "http://localhost");
  const match = /^\/app\/([^/]+)$/.exec(url.pathname);
  const key = match?.[1];
  if (key === undefined) return { ok: false, code: ErrorCode.PATH_NOT_FOUND, message: "Path not found" };

  const context = findAppByKey(decodeURIComponent(key));
  if (context === undefined) {
    return { ok: false, code: ErrorCode.APP_NOT_FOUND, message: "App key not in this cluster. Did you forget to specify the cluster?" };
  }

  const protocol = url.searchParams.get("protocol");
  if (protocol === null) return { ok: false, code: ErrorCode.NO_PROTOCOL, message: "No protocol version supplied" };
  if (!/^\d+$/.test(protocol)) return { ok: false, code: ErrorCode.INVALID_VERSION_FORMAT, message: "Invalid version string format" };
  if (Number(protocol) !== PROTOCOL_VERSION) {
    return { ok: false, code: ErrorCode.UNSUPPORTED_PROTOCOL, message: `Unsupported protocol version ${protocol}` };
  }
  return { ok: true, context };
}

export function refuseConnection(ws: WebSocket, code: number, message: string): void {
  ws.send(pusherError(code, message));
  ws.close(code, message);
}

export function newSocketId(): string {
  return `${randomInt(1, 2 ** 40)}.${randomInt(1, 2 ** 40)}`;
}

/** Live connections, so the server can close them on shutdown. */
export interface LiveConnection {
  readonly socketId: string;
  terminate(): void;
}

export function acceptConnection(ws: WebSocket, context: AppContext, settings: ConnectionSettings): LiveConnection {
  const { app, registry } = context;
  const { logger } = settings;
  const socketId = newSocketId();
  const subscribed = new Set<string>();
  let activityTimer: NodeJS.Timeout | undefined;
  let pongTimer: NodeJS.Timeout | undefined;
  let windowStart = Date.now();
  let clientEventsInWindow = 0;

  const handle: SocketHandle = {
    id: socketId,
    send(frame) {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    },
  };

  const clearTimers = () => {
    if (activityTimer !== undefined) clearTimeout(activityTimer);
    if (pongTimer !== undefined) clearTimeout(pongTimer);
    activityTimer = undefined;
    pongTimer = undefined;
  };

  /** Any frame from the client counts as activity; after a silent period we ping, then give up. */
  const resetActivity = () => {
    clearTimers();
    activityTimer = setTimeout(() => {
      handle.send(PING);
      pongTimer = setTimeout(() => {
        logger.info("closing inactive connection", { appId: app.id, socketId });
        handle.send(pusherError(ErrorCode.PONG_NOT_RECEIVED, "Pong reply not received"));
        ws.close(ErrorCode.PONG_NOT_RECEIVED, "Pong reply not received");
      }, settings.pongTimeoutMs);
    }, settings.activityTimeoutSeconds * 1000);
  };

  const subscribe = (data: unknown) => {
    const parsed = subscribeDataSchema.safeParse(data);
    if (!parsed.success) {
      handle.send(pusherError(null, "Invalid pusher:subscribe payload"));
      return;
    }
    const { channel, auth, channel_data: channelData } = parsed.data;
    if (!channelNameSchema.safeParse(channel).success) {
      handle.send(subscriptionError(channel, 400, "Invalid channel name"));
      return;
    }
    const kind = channelKind(channel);
    let member: PresenceMember | undefined;
    if (kind !== "public") {
      if (kind === "presence" && channelData === undefined) {
        handle.send(subscriptionError(channel, 400, "Presence channels require channel_data"));
        return;
      }
      if (!verifyChannelAuth(app, socketId, channel, auth, channelData)) {
        logger.warn("subscription refused: invalid auth signature", { appId: app.id, socketId, channel });
        handle.send(subscriptionError(channel, 401, "The connection is unauthorized."));
        return;
      }
      if (kind === "presence") {
        const presence = parseChannelData(channelData);
        if (presence === undefined) {
          handle.send(subscriptionError(channel, 400, "Invalid channel_data"));
          return;
        }
        member = presence;
      }
    }

    const outcome = registry.subscribe(channel, handle, member);
    if (!outcome.ok) {
      handle.send(subscriptionError(channel, 403, "The presence channel is full"));
      return;
    }
    subscribed.add(channel);
    logger.debug("subscribed", { appId: app.id, socketId, channel, kind });
    handle.send(subscriptionSucceeded(channel, kind === "presence" ? { presence: registry.presence(channel) } : {}));
  };

  const unsubscribe = (data: unknown) => {
    const parsed = unsubscribeDataSchema.safeParse(data);
    if (!parsed.success) {
      handle.send(pusherError(null, "Invalid pusher:unsubscribe payload"));
      return;
    }
    if (registry.unsubscribe(parsed.data.channel, socketId)) {
      subscribed.delete(parsed.data.channel);
      logger.debug("unsubscribed", { appId: app.id, socketId, channel: parsed.data.channel });
    }
  };

  const clientEvent = (frame: IncomingFrame) => {
    const channel = frame.channel;
    if (channel === undefined) {
      handle.send(pusherError(null, "Client event rejected - no channel given"));
      return;
    }
    if (channelKind(channel) === "public") {
      handle.send(pusherError(null, "Client event rejected - only supported on private and presence channels"));
      return;
    }
    if (!registry.isSubscribed(channel, socketId)) {
      handle.send(pusherError(null, "Client event rejected - you must be subscribed to the channel"));
      return;
    }
    if (byteLength(frame.data ?? "") > MAX_DATA_BYTES) {
      handle.send(pusherError(null, "Client event rejected - payload too large"));
      return;
    }
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      clientEventsInWindow = 0;
    }
    clientEventsInWindow += 1;
    if (clientEventsInWindow > settings.clientEventsPerSecond) {
      handle.send(pusherError(ErrorCode.CLIENT_EVENT_RATE_LIMIT, "Client event rejected - rate limit exceeded"));
      return;
    }
    const userId = registry.userIdOf(channel, socketId);
    const out = encode({ event: frame.event, channel, data: frame.data ?? null, ...(userId === undefined ? {} : { user_id: userId }) });
    registry.broadcast(channel, out, socketId);
  };

  const onMessage = (raw: RawData, isBinary: boolean) => {
    resetActivity();
    if (isBinary) {
      handle.send(pusherError(null, "Binary frames are not supported"));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawToString(raw));
    } catch {
      handle.send(pusherError(null, "Invalid JSON"));
      return;
    }
    const parsed = incomingFrameSchema.safeParse(json);
    if (!parsed.success) {
      handle.send(pusherError(null, "Invalid message"));
      return;
    }
    const frame = parsed.data;
    switch (frame.event) {
      case "pusher:ping":
        handle.send(PONG);
        return;
      case "pusher:pong":
        return;
      case "pusher:subscribe":
        subscribe(frame.data);
        return;
      case "pusher:unsubscribe":
        unsubscribe(frame.data);
        return;
      default:
        if (frame.event.startsWith("client-")) {
          clientEvent(frame);
          return;
        }
        logger.debug("unsupported event", { appId: app.id, socketId, event: frame.event });
        handle.send(pusherError(null, `Unsupported event: ${frame.event}`));
    }
  };

  ws.on("message", onMessage);
  ws.on("error", (error) => logger.warn("socket error", { appId: app.id, socketId, error: error.message }));
  ws.on("close", (code) => {
    clearTimers();
    for (const channel of subscribed) registry.unsubscribe(channel, socketId);
    subscribed.clear();
    logger.info("connection closed", { appId: app.id, socketId, code });
  });

  ws.send(connectionEstablished(socketId, settings.activityTimeoutSeconds));
  resetActivity();
  logger.info("connection established", { appId: app.id, socketId });

  return { socketId, terminate: () => ws.terminate() };
}

function parseChannelData(channelData: string | undefined): PresenceMember | undefined {
  if (channelData === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(channelData);
  } catch {
    return undefined;
  }
  const parsed = presenceChannelDataSchema.safeParse(json);
  return parsed.success ? { user_id: parsed.data.user_id, user_info: parsed.data.user_info } : undefined;
}

function rawToString(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString("utf8");
  if (Array.isArray(raw)) return Buffer.concat(raw).toString("utf8");
  return Buffer.from(raw).toString("utf8");
}

/**
 * Wire format of Pusher Channels protocol 7, as read by pusher-js 8.6:
 *  - node_modules/pusher-js/src/core/connection/protocol/protocol.ts (decodeMessage: `data` may be a
 *    JSON string, it is parsed once more; processHandshake needs `activity_timeout` in seconds; a
 *    `pusher:error` during the handshake maps `code` through getCloseAction: 4000 tls_only,
 *    4001-4099 refused, 4100-4199 backoff, 4200-4299 retry)
 *  - node_modules/pusher-js/src/core/connection/connection.ts (send_event: `{event, data, channel}`
 *    with `data` an object)
 *  - node_modules/pusher-js/src/core/channels/{channel,presence_channel,members}.ts
 *    (`pusher_internal:subscription_succeeded`, `pusher_internal:member_added|member_removed`,
 *    presence data `{presence: {ids, hash, count}}`, `user_id` on client events)
 *  - node_modules/pusher-js/src/core/transports/url_schemes.ts (`/app/<key>?protocol=7&client=js&version=…&flash=false`)
 *  - node_modules/pusher/lib/pusher.js (channel name and socket id formats the server SDK enforces)
 */
import { z } from "zod";

export const PROTOCOL_VERSION = 7;

/** Close / error codes (Pusher protocol, "Error codes"). */
export const ErrorCode = {
  APP_NOT_FOUND: 4001,
  PATH_NOT_FOUND: 4005,
  INVALID_VERSION_FORMAT: 4006,
  UNSUPPORTED_PROTOCOL: 4007,
  NO_PROTOCOL: 4008,
  UNAUTHORIZED: 4009,
  PONG_NOT_RECEIVED: 4201,
  CLIENT_EVENT_RATE_LIMIT: 4301,
} as const;

export const SOCKET_ID_PATTERN = /^\d+\.\d+$/;
/** Same character set and length as `validateChannel` in node_modules/pusher/lib/pusher.js. */
export const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9_\-=@,.;]{1,200}$/;
export const MAX_EVENT_NAME_LENGTH = 200;
/** Pusher's documented per-message payload limit. */
export const MAX_DATA_BYTES = 10 * 1024;

export type ChannelKind = "public" | "private" | "presence";

export function channelKind(name: string): ChannelKind {
  if (name.startsWith("presence-")) return "presence";
  if (name.startsWith("private-")) return "private";
  return "public";
}

export const channelNameSchema = z.string().regex(CHANNEL_NAME_PATTERN);
export const socketIdSchema = z.string().regex(SOCKET_ID_PATTERN);
export const eventNameSchema = z.string().min(1).max(MAX_EVENT_NAME_LENGTH);

/** A frame sent by a client: `{event, data?, channel?}`. */
export const incomingFrameSchema = z.object({
  event: z.string().min(1).max(MAX_EVENT_NAME_LENGTH),
  channel: z.string().optional(),
  data: z.unknown().optional(),
});
export type IncomingFrame = z.infer<typeof incomingFrameSchema>;

/** `data` may arrive as an object (pusher-js) or as a JSON string (other clients). */
function jsonObjectOrString(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed;
  } catch {
    return value;
  }
}

export const subscribeDataSchema = z.preprocess(
  jsonObjectOrString,
  z.object({
    channel: z.string(),
    auth: z.string().optional(),
    channel_data: z.string().optional(),
  }),
);

export const unsubscribeDataSchema = z.preprocess(jsonObjectOrString, z.object({ channel: z.string() }));

/** Presence `channel_data`: `{user_id, user_info?}`; a numeric id is accepted and used as a string. */
export const presenceChannelDataSchema = z.object({
  user_id: z.union([z.string().min(1), z.number().transform((n) => String(n))]),
  user_info: z.unknown().optional(),
});
export type PresenceMember = { user_id: string; user_info?: unknown };

export interface OutgoingFrame {
  event: string;
  channel?: string;
  data: unknown;
  user_id?: string;
}

export function encode(frame: OutgoingFrame): string {
  return JSON.stringify(frame);
}

export function connectionEstablished(socketId: string, activityTimeoutSeconds: number): string {
  return encode({
    event: "pusher:connection_established",
    data: JSON.stringify({ socket_id: socketId, activity_timeout: activityTimeoutSeconds }),
  });
}

export function pusherError(code: number | null, message: string): string {
  return encode({ event: "pusher:error", data: { code, message } });
}

export function subscriptionError(channel: string, status: number, error: string): string {
  return encode({ event: "pusher:subscription_error", channel, data: { type: "AuthError", error, status } });
}

export function subscriptionSucceeded(channel: string, data: unknown = {}): string {
  return encode({ event: "pusher_internal:subscription_succeeded", channel, data: JSON.stringify(data) });
}

export function memberAdded(channel: string, member: PresenceMember): string {
  return encode({
    event: "pusher_internal:member_added",
    channel,
    data: JSON.stringify({ user_id: member.user_id, user_info: member.user_info }),
  });
}

export function memberRemoved(channel: string, userId: string): string {
  return encode({ event: "pusher_internal:member_removed", channel, data: JSON.stringify({ user_id: userId }) });
}

export const PING = encode({ event: "pusher:ping", data: {} });
export const PONG = encode({ event: "pusher:pong", data: {} });

export function byteLength(value: unknown): number {
  return Buffer.byteLength(typeof value === "string" ? value : (JSON.stringify(value) ?? ""), "utf8");
}

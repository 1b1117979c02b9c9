/**
 * Turns an already-made access decision into the body a pusher-js auth request expects
 * (`{auth, channel_data?}`, node_modules/pusher-js/src/core/auth/options.ts ChannelAuthorizationData),
 * signed by the server SDK's `authorizeChannel` (node_modules/pusher/lib/auth.js). Who may join which
 * channel is decided elsewhere (the per-role policy); this module only checks the request's shape and
 * signs. The pusher-js request is form-encoded `socket_id=…&channel_name=…`
 * (node_modules/pusher-js/src/core/auth/channel_authorizer.ts).
 */
import type Pusher from "pusher";
import { z } from "zod";
import { BadRequestError, ForbiddenError } from "@/lib/api/errors";

/** The formats `validateSocketId` / `validateChannel` in node_modules/pusher/lib/pusher.js accept, limited to channels that need auth. */
export const channelAuthRequestSchema = z.object({
  socketId: z.string().regex(/^\d+\.\d+$/, "invalid socket_id"),
  channelName: z
    .string()
    .max(200, "channel_name too long")
    .regex(/^(private|presence)-[A-Za-z0-9_\-=@,.;]+$/, "channel_name must be a private- or presence- channel"),
});

export const presenceUserSchema = z.object({
  userId: z.string().min(1).max(128),
  userInfo: z.record(z.string(), z.unknown()).optional(),
});

export type PresenceUser = z.infer<typeof presenceUserSchema>;

export type ChannelAccessDecision =
  | { allow: false }
  /** `presence` is required for presence- channels and must be absent otherwise. */
  | { allow: true; presence?: PresenceUser };

export interface ChannelAuthRequest {
  socketId: unknown;
  channelName: unknown;
}

export type ChannelAuthBody = Pusher.ChannelAuthResponse;

/**
 * Throws BadRequestError (400) for a malformed socket_id / channel_name, ForbiddenError (403) when
 * the decision denies access, and a plain Error when the decision does not fit the channel type
 * (a programming error, answered as 500).
 */
export function authorizeChannel(pusher: Pusher, request: ChannelAuthRequest, decision: ChannelAccessDecision): ChannelAuthBody {
  const parsed = channelAuthRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError(issue?.message ?? "invalid channel auth request", {
      field: issue?.path[0] === "socketId" ? "socket_id" : "channel_name",
    });
  }
  const { socketId, channelName } = parsed.data;

  if (!decision.allow) throw new ForbiddenError("You may not subscribe to this channel.");

  const isPresence = channelName.startsWith("presence-");
  if (!isPresence) {
    if (decision.presence !== undefined) throw new Error("presence user given for a non-presence channel");
    return pusher.authorizeChannel(socketId, channelName);
  }

  if (decision.presence === undefined) throw new Error("presence channel authorised without a presence user");
  const user = presenceUserSchema.parse(decision.presence);
  return pusher.authorizeChannel(socketId, channelName, {
    user_id: user.userId,
    ...(user.userInfo === undefined ? {} : { user_info: user.userInfo }),
  });
}

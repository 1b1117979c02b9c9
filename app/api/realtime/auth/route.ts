import { eq } from "drizzle-orm";
import { supportConversations, users } from "@/db/schema";
import { ServiceUnavailableError } from "@/lib/api/errors";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { authorizeChannel } from "@/lib/realtime/authorize-channel";
import { decideChannelAccess, supportConversationIdOf } from "@/lib/realtime/channel-policy";
import { getPusher } from "@/lib/realtime/pusher-server";

export const runtime = "nodejs";

/** pusher-js's channel authorization endpoint: form-encoded socket_id and channel_name. */
export const POST = withAuth({ permission: "account:manage-own" }, async (request, { db, actor }) => {
  const pusher = getPusher();
  if (!pusher) throw new ServiceUnavailableError("Live updates are not configured.");
  const form = new URLSearchParams(await request.text());
  const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
  const channelName = form.get("channel_name") ?? "";
  const conversationId = supportConversationIdOf(channelName);
  const [conversation] = conversationId
    ? await db.select({ requesterId: supportConversations.requesterId }).from(supportConversations).where(eq(supportConversations.id, conversationId))
    : [];
  const decision = decideChannelAccess(actor, channelName, user?.name ?? "", conversation);
  return json(authorizeChannel(pusher, { socketId: form.get("socket_id") ?? "", channelName }, decision));
});

import type { SupportConversationRow } from "@/db/schema";
import { logger } from "@/lib/logger";
import { channels } from "@/lib/realtime/channel-policy";
import { getPusher } from "@/lib/realtime/pusher-server";
import { SUPPORT_EVENTS, type ConversationReadEvent, type ConversationUpdatedEvent, type MessageCreatedEvent, type MessageUpdatedEvent } from "./dto";

/**
 * Live updates for the widget and the inbox: ids only, the clients fetch through the authorised API.
 * Internal notes go to the staff inbox channel only. A Pusher failure never fails the write: the
 * pages also poll.
 */
async function trigger(channelNames: string[], event: string, data: object) {
  const pusher = getPusher();
  if (!pusher) return;
  try {
    await pusher.trigger(channelNames, event, data);
  } catch (error) {
    logger.warn({ event, err: error instanceof Error ? error.message : "unknown" }, "support live update not delivered");
  }
}

export function publishMessage(conversationId: string, messageId: string, visibility: "public" | "internal") {
  const data: MessageCreatedEvent = { conversationId, messageId, visibility };
  const targets = visibility === "public" ? [channels.supportConversation(conversationId), channels.supportInbox] : [channels.supportInbox];
  return trigger(targets, SUPPORT_EVENTS.messageCreated, data);
}

export function publishConversation(conversation: Pick<SupportConversationRow, "id" | "status" | "assigneeId">) {
  const data: ConversationUpdatedEvent = { conversationId: conversation.id, status: conversation.status, assigneeId: conversation.assigneeId };
  return trigger([channels.supportConversation(conversation.id), channels.supportInbox], SUPPORT_EVENTS.conversationUpdated, data);
}

export function publishRead(conversationId: string, side: "requester" | "agent", at: Date) {
  const data: ConversationReadEvent = { conversationId, side, at: at.toISOString() };
  return trigger([channels.supportConversation(conversationId), channels.supportInbox], SUPPORT_EVENTS.conversationRead, data);
}

export function publishMessageUpdated(conversationId: string, messageId: string) {
  const data: MessageUpdatedEvent = { conversationId, messageId };
  return trigger([channels.supportConversation(conversationId), channels.supportInbox], SUPPORT_EVENTS.messageUpdated, data);
}

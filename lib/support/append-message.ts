import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { supportConversations, supportMessages, type SupportChannel, type SupportConversationRow, type SupportMessageRow } from "@/db/schema";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { enqueueEvent } from "@/lib/outbox/enqueue-event";
import { sealMessage } from "./message-text";

export interface NewMessage {
  author: "requester" | "agent" | "system";
  authorUserId: string | null;
  visibility: "public" | "internal";
  channel: SupportChannel;
  text: string;
  attachmentId?: string;
  whatsappMessageId?: string;
}

/**
 * Stores one message and moves the conversation along, in the caller's transaction with its audit
 * event: the requester writing reopens it and makes their channel the reply channel; the first public
 * agent reply stops the SLA clock and sets it pending (waiting for the requester), unless it is
 * resolved. A public agent reply to a WhatsApp conversation is handed to the outbox for delivery there.
 */
export async function appendMessage(tx: DbExecutor, audit: AuditContext, conversation: SupportConversationRow, message: NewMessage): Promise<{ message: SupportMessageRow; conversation: SupportConversationRow }> {
  const now = new Date();
  const [stored] = await tx
    .insert(supportMessages)
    .values({
      conversationId: conversation.id,
      author: message.author,
      authorUserId: message.authorUserId,
      visibility: message.visibility,
      channel: message.channel,
      bodyEncrypted: await sealMessage(tx, conversation.dataKeyId, message.text),
      attachmentId: message.attachmentId,
      whatsappMessageId: message.whatsappMessageId,
      createdAt: now,
    })
    .returning();
  if (!stored) throw new Error("support message not stored");

  const publicReply = message.author === "agent" && message.visibility === "public";
  const changes: Partial<SupportConversationRow> = message.visibility === "public" ? { lastMessageAt: now } : {};
  if (message.author === "requester") Object.assign(changes, { status: "open", channel: message.channel, requesterReadAt: now });
  // A staff reply to a resolved conversation leaves it resolved: reopening is an explicit PATCH (the
  // requester may have a newer conversation open, and only one may be unresolved).
  if (publicReply) Object.assign(changes, { ...(conversation.status === "resolved" ? {} : { status: "pending" }), firstResponseAt: conversation.firstResponseAt ?? now, assigneeId: conversation.assigneeId ?? message.authorUserId, agentReadAt: now });
  const [updated] = Object.keys(changes).length
    ? await tx.update(supportConversations).set(changes).where(eq(supportConversations.id, conversation.id)).returning()
    : [conversation];
  if (!updated) throw new Error("support conversation vanished");

  if (message.author !== "requester" && message.visibility === "public" && updated.channel === "whatsapp") {
    await enqueueEvent(tx, "support/reply.created", { messageId: stored.id, conversationId: conversation.id });
  }
  await recordAuditEvent(tx, audit, {
    action: message.visibility === "internal" ? "support.note.create" : "support.message.create",
    resourceType: "support_conversation",
    resourceId: conversation.id,
    metadata: { author: message.author, channel: message.channel, attachment: Boolean(message.attachmentId) },
  });
  return { message: stored, conversation: updated };
}

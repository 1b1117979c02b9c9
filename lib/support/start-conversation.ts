import { and, eq, ne } from "drizzle-orm";
import type { Database, DbExecutor } from "@/db/client";
import { supportConversations, type SupportChannel, type SupportConversationRow } from "@/db/schema";
import { ForbiddenError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { createDataKey } from "@/lib/crypto/data-keys";
import { dispatchOutbox } from "@/lib/outbox/dispatch-outbox";
import { appendMessage } from "./append-message";
import { assignRoundRobin, onlineAgentIds } from "./assign-agent";
import { storeAttachment, type CheckedAttachment } from "./attachments";
import { publishConversation, publishMessage } from "./publish";

export interface StartedConversation {
  conversation: SupportConversationRow;
  messageId: string;
  created: boolean;
}

function openConversationOf(db: Database, requesterId: string) {
  return db
    .select()
    .from(supportConversations)
    .where(and(eq(supportConversations.requesterId, requesterId), ne(supportConversations.status, "resolved")));
}

/**
 * A customer asks for help (widget or WhatsApp): the message continues their open conversation, or
 * starts one, which goes round-robin to an online agent. One unresolved conversation per requester,
 * also under concurrent first messages (a unique index decides). A checked file (a photo or PDF sent
 * on WhatsApp) is stored sealed with the message, as an upload in the widget is.
 */
export async function startConversation(
  db: Database,
  actor: Actor,
  audit: AuditContext,
  input: { message: string; channel: SupportChannel; attachment?: CheckedAttachment; whatsappMessageId?: string },
): Promise<StartedConversation> {
  if (!can(actor, "support:converse")) throw new ForbiddenError("Only customers start support conversations; staff answer them in the inbox.");
  const message = async (tx: DbExecutor, conversation: SupportConversationRow) =>
    appendMessage(tx, audit, conversation, {
      author: "requester",
      authorUserId: actor.userId,
      visibility: "public",
      channel: input.channel,
      text: input.message,
      whatsappMessageId: input.whatsappMessageId,
      attachmentId: input.attachment ? await storeAttachment(tx, conversation, actor.userId, input.attachment) : undefined,
    });

  const [existing] = await openConversationOf(db, actor.userId);
  if (existing) {
    const appended = await db.transaction((tx) => message(tx, existing));
    await afterWrite(db, appended.conversation, appended.message.id);
    return { conversation: appended.conversation, messageId: appended.message.id, created: false };
  }

  const dataKeyId = await createDataKey(db, "support-conversation");
  const created = await db.transaction(async (tx) => {
    const [conversation] = await tx
      .insert(supportConversations)
      .values({ requesterId: actor.userId, organisationId: actor.organisationId, channel: input.channel, dataKeyId })
      .onConflictDoNothing()
      .returning();
    if (!conversation) return undefined;
    await recordAuditEvent(tx, audit, { action: "support.conversation.create", resourceType: "support_conversation", resourceId: conversation.id, metadata: { channel: input.channel } });
    return message(tx, conversation);
  });
  if (!created) return startConversation(db, actor, audit, input);

  const assigneeId = await assignRoundRobin(db, created.conversation.id, await onlineAgentIds());
  const conversation = assigneeId ? { ...created.conversation, assigneeId } : created.conversation;
  await afterWrite(db, conversation, created.message.id);
  return { conversation, messageId: created.message.id, created: true };
}

async function afterWrite(db: Database, conversation: SupportConversationRow, messageId: string) {
  await Promise.all([publishMessage(conversation.id, messageId, "public"), publishConversation(conversation)]);
  await dispatchOutbox(db).catch(() => undefined);
}

import { and, count, desc, eq, gt, inArray, ne, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { organisations, supportAttachments, supportConversations, supportMessages, users, whatsappMessages, type SupportConversationRow, type SupportMessageRow } from "@/db/schema";
import { decryptField } from "@/lib/crypto/field-encryption";
import type { SupportSide } from "./access";
import type { ConversationDto, MessageDto, MessageState } from "./dto";
import { openMessage } from "./message-text";

export const ATTACHMENT_NAME_COLUMN = "support_attachments.filename";
const PREVIEW_CHARACTERS = 120;

/** The list and detail shape of conversations, with names, unread counts (for `side`) and a preview. */
export async function toConversationDtos(db: DbExecutor, rows: SupportConversationRow[], side: SupportSide): Promise<ConversationDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const people = [...new Set(rows.flatMap((row) => [row.requesterId, ...(row.assigneeId ? [row.assigneeId] : [])]))];
  const [userRows, unreadRows, lastRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, organisationName: organisations.name })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(inArray(users.id, people)),
    db
      .select({ conversationId: supportMessages.conversationId, unread: count() })
      .from(supportMessages)
      .innerJoin(supportConversations, eq(supportConversations.id, supportMessages.conversationId))
      .where(
        and(
          inArray(supportMessages.conversationId, ids),
          side === "agent"
            ? and(eq(supportMessages.author, "requester"), gt(supportMessages.createdAt, sql`coalesce(${supportConversations.agentReadAt}, 'epoch'::timestamptz)`))
            : and(ne(supportMessages.author, "requester"), eq(supportMessages.visibility, "public"), gt(supportMessages.createdAt, sql`coalesce(${supportConversations.requesterReadAt}, 'epoch'::timestamptz)`)),
        ),
      )
      .groupBy(supportMessages.conversationId),
    db
      .selectDistinctOn([supportMessages.conversationId], { conversationId: supportMessages.conversationId, bodyEncrypted: supportMessages.bodyEncrypted })
      .from(supportMessages)
      .where(and(inArray(supportMessages.conversationId, ids), eq(supportMessages.visibility, "public")))
      .orderBy(supportMessages.conversationId, desc(supportMessages.createdAt)),
  ]);
  const person = new Map(userRows.map((row) => [row.id, row]));
  const unread = new Map(unreadRows.map((row) => [row.conversationId, row.unread]));
  const previews = new Map<string, string>();
  for (const row of lastRows) {
    const text = await openMessage(db, row.bodyEncrypted);
    previews.set(row.conversationId, text.length > PREVIEW_CHARACTERS ? `${text.slice(0, PREVIEW_CHARACTERS - 1)}…` : text);
  }
  return rows.map((row) => {
    const requester = person.get(row.requesterId);
    const assignee = row.assigneeId ? person.get(row.assigneeId) : undefined;
    return {
      id: row.id,
      status: row.status,
      channel: row.channel,
      createdAt: row.createdAt.toISOString(),
      lastMessageAt: row.lastMessageAt.toISOString(),
      firstResponseAt: row.firstResponseAt?.toISOString() ?? null,
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      rating: row.rating,
      requester: {
        id: row.requesterId,
        name: requester?.name ?? "Former user",
        email: requester?.email ?? "",
        role: requester?.role ?? "landlord",
        organisationName: requester?.organisationName ?? "",
      },
      assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
      unreadCount: unread.get(row.id) ?? 0,
      lastMessagePreview: previews.get(row.id) ?? null,
    };
  });
}

// "received" is an inbound message: it reached support, as a web message does once stored.
const WHATSAPP_STATE: Record<string, MessageState> = { received: "delivered", sending: "sent", accepted: "sent", deferred: "sent", sent: "sent", delivered: "delivered", read: "read", failed: "failed" };

/** Sent is stored; delivered is on the recipient's screen or phone; read is past the recipient's read marker. */
function messageState(message: SupportMessageRow, conversation: SupportConversationRow, whatsappStatus: string | null): MessageState {
  const readAt = message.author === "requester" ? conversation.agentReadAt : conversation.requesterReadAt;
  if (readAt && readAt >= message.createdAt) return "read";
  if (whatsappStatus) return WHATSAPP_STATE[whatsappStatus] ?? "sent";
  return "delivered";
}

export async function toMessageDtos(db: DbExecutor, conversation: SupportConversationRow, rows: SupportMessageRow[]): Promise<MessageDto[]> {
  if (rows.length === 0) return [];
  const authorIds = [...new Set(rows.flatMap((row) => (row.authorUserId ? [row.authorUserId] : [])))];
  const attachmentIds = rows.flatMap((row) => (row.attachmentId ? [row.attachmentId] : []));
  const whatsappIds = rows.flatMap((row) => (row.whatsappMessageId ? [row.whatsappMessageId] : []));
  const [authors, attachments, whatsapp] = await Promise.all([
    authorIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, authorIds)) : [],
    attachmentIds.length ? db.select().from(supportAttachments).where(inArray(supportAttachments.id, attachmentIds)) : [],
    whatsappIds.length ? db.select({ id: whatsappMessages.id, status: whatsappMessages.status }).from(whatsappMessages).where(inArray(whatsappMessages.id, whatsappIds)) : [],
  ]);
  const authorName = new Map(authors.map((row) => [row.id, row.name]));
  const attachment = new Map(attachments.map((row) => [row.id, row]));
  const whatsappStatus = new Map(whatsapp.map((row) => [row.id, row.status]));
  const result: MessageDto[] = [];
  for (const row of rows) {
    const file = row.attachmentId ? attachment.get(row.attachmentId) : undefined;
    result.push({
      id: row.id,
      conversationId: row.conversationId,
      author: row.author,
      authorName: row.author === "system" ? "TenantLens" : (row.authorUserId && authorName.get(row.authorUserId)) || "Former user",
      visibility: row.visibility,
      channel: row.channel,
      body: await openMessage(db, row.bodyEncrypted),
      attachment: file ? { id: file.id, filename: await decryptField(db, file.filenameEncrypted, ATTACHMENT_NAME_COLUMN), mimeType: file.mimeType, bytes: file.bytes } : null,
      createdAt: row.createdAt.toISOString(),
      state: messageState(row, conversation, row.whatsappMessageId ? (whatsappStatus.get(row.whatsappMessageId) ?? null) : null),
    });
  }
  return result;
}

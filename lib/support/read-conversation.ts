import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { enquiries, supportConversations, supportMessages, supportSharedReports } from "@/db/schema";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { accessibleConversation } from "./access";
import type { ConversationDto, MessageDto, SharedReportDto } from "./dto";
import { publishRead } from "./publish";
import { toConversationDtos, toMessageDtos } from "./to-dto";

/** One conversation with the reports its requester shared. Every staff read is audited. */
export async function getConversation(db: Database, actor: Actor, audit: AuditContext, conversationId: string): Promise<{ conversation: ConversationDto; sharedReports: SharedReportDto[] }> {
  const { conversation, side } = await accessibleConversation(db, actor, conversationId);
  if (side === "agent") await recordAuditEvent(db, audit, { action: "support.conversation.read", resourceType: "support_conversation", resourceId: conversationId });
  const [dto] = await toConversationDtos(db, [conversation], side);
  if (!dto) throw new Error("support conversation not serialised");
  const shared = await db
    .select({ enquiryId: supportSharedReports.enquiryId, reference: enquiries.reference, sharedAt: supportSharedReports.sharedAt })
    .from(supportSharedReports)
    .innerJoin(enquiries, eq(enquiries.id, supportSharedReports.enquiryId))
    .where(and(eq(supportSharedReports.conversationId, conversationId), isNull(supportSharedReports.revokedAt)));
  return { conversation: dto, sharedReports: shared.map((row) => ({ enquiryId: row.enquiryId, reference: row.reference, sharedAt: row.sharedAt.toISOString() })) };
}

/** The thread, oldest first, across channels; internal notes only for staff. Staff reads are audited. */
export async function listMessages(db: Database, actor: Actor, audit: AuditContext, conversationId: string): Promise<MessageDto[]> {
  const { conversation, side } = await accessibleConversation(db, actor, conversationId);
  const rows = await db
    .select()
    .from(supportMessages)
    .where(and(eq(supportMessages.conversationId, conversationId), side === "requester" ? eq(supportMessages.visibility, "public") : undefined))
    .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id));
  if (side === "agent") await recordAuditEvent(db, audit, { action: "support.messages.read", resourceType: "support_conversation", resourceId: conversationId, metadata: { count: rows.length } });
  return toMessageDtos(db, conversation, rows);
}

/** The caller has seen everything so far: their unread count drops to 0 and the other side sees "read". */
export async function markConversationRead(db: Database, actor: Actor, conversationId: string): Promise<void> {
  const { side } = await accessibleConversation(db, actor, conversationId);
  const now = new Date();
  await db
    .update(supportConversations)
    .set(side === "agent" ? { agentReadAt: now } : { requesterReadAt: now })
    .where(eq(supportConversations.id, conversationId));
  await publishRead(conversationId, side, now);
}

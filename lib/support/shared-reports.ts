import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { reports, supportSharedReports } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { readableEnquiry } from "@/lib/enquiries/read-enquiry";
import { dispatchOutbox } from "@/lib/outbox/dispatch-outbox";
import { reportBody } from "@/lib/reports/read-report";
import { accessibleConversation } from "./access";
import { appendMessage } from "./append-message";
import { publishConversation, publishMessage } from "./publish";

/**
 * Support never reads report contents unless the requester shares a report in their conversation.
 * Sharing needs the requester's own right to read it; it can be taken back at any time.
 */
export async function shareReport(db: Database, actor: Actor, audit: AuditContext, conversationId: string, enquiryId: string): Promise<void> {
  const { conversation, side } = await accessibleConversation(db, actor, conversationId);
  if (side !== "requester") throw new ForbiddenError("Only the person who asked for help can share their reports.");
  if (conversation.status === "resolved") throw new ConflictError("This conversation is resolved. Start a new one to share a report.", { code: "CONVERSATION_RESOLVED" });
  const enquiry = await readableEnquiry(db, actor, enquiryId, "report:read");
  const [report] = await db.select({ id: reports.enquiryId }).from(reports).where(eq(reports.enquiryId, enquiryId));
  if (!report) throw new ConflictError("This enquiry has no report yet: share it once it is ready.", { code: "REPORT_NOT_READY" });
  const label = enquiry.reference ? `"${enquiry.reference}"` : `for the applicant ending ${enquiry.identifierLast4}`;
  const shared = await db.transaction(async (tx) => {
    await tx
      .insert(supportSharedReports)
      .values({ conversationId, enquiryId, sharedBy: actor.userId })
      .onConflictDoUpdate({ target: [supportSharedReports.conversationId, supportSharedReports.enquiryId], set: { revokedAt: null, sharedAt: new Date(), sharedBy: actor.userId } });
    await recordAuditEvent(tx, audit, { action: "support.report.share", resourceType: "report", resourceId: enquiryId, metadata: { conversationId } });
    return appendMessage(tx, audit, conversation, { author: "system", authorUserId: null, visibility: "public", channel: conversation.channel, text: `The report ${label} was shared with support.` });
  });
  await publishMessage(conversationId, shared.message.id, "public");
  await publishConversation(shared.conversation);
  await dispatchOutbox(db).catch(() => undefined);
}

export async function unshareReport(db: Database, actor: Actor, audit: AuditContext, conversationId: string, enquiryId: string): Promise<void> {
  const { side } = await accessibleConversation(db, actor, conversationId);
  if (side !== "requester") throw new ForbiddenError("Only the person who shared a report can take it back.");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(supportSharedReports)
      .set({ revokedAt: new Date() })
      .where(and(eq(supportSharedReports.conversationId, conversationId), eq(supportSharedReports.enquiryId, enquiryId), isNull(supportSharedReports.revokedAt)))
      .returning({ enquiryId: supportSharedReports.enquiryId });
    if (!row) throw new NotFoundError("Shared report");
    await recordAuditEvent(tx, audit, { action: "support.report.unshare", resourceType: "report", resourceId: enquiryId, metadata: { conversationId } });
  });
}

/** Staff open a report only through a conversation it is (still) shared in; every read is audited. */
export async function readSharedReport(db: Database, actor: Actor, audit: AuditContext, conversationId: string, enquiryId: string) {
  const { side } = await accessibleConversation(db, actor, conversationId);
  if (side !== "agent") throw new ForbiddenError();
  const [share] = await db
    .select({ enquiryId: supportSharedReports.enquiryId })
    .from(supportSharedReports)
    .where(and(eq(supportSharedReports.conversationId, conversationId), eq(supportSharedReports.enquiryId, enquiryId), isNull(supportSharedReports.revokedAt)));
  if (!share) throw new NotFoundError("Shared report");
  const body = await reportBody(db, enquiryId);
  await recordAuditEvent(db, audit, { action: "report.read", resourceType: "report", resourceId: enquiryId, metadata: { via: "support-share", conversationId } });
  return body;
}

import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { consents, enquiries } from "@/db/schema";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { CONSENT_NOTICE_VERSION, CONSENT_PURPOSE } from "@/lib/consent/notice";
import { dispatchOutbox } from "@/lib/outbox/dispatch-outbox";
import { enqueueEvent } from "@/lib/outbox/enqueue-event";
import { FAILURE_REASONS } from "./failure-reasons";
import { failEnquiry } from "./fail-enquiry";
import { readableEnquiry } from "./read-enquiry";

/**
 * The applicant told the landlord they withdraw consent: a new consent record, and an enquiry that has
 * not reached TPN yet stops. Once TPN answered, withdrawal cannot undo the check (it is recorded anyway).
 */
export async function withdrawConsent(db: Database, actor: Actor, audit: AuditContext, enquiryId: string): Promise<{ stopped: boolean; message: string }> {
  const enquiry = await readableEnquiry(db, actor, enquiryId, "enquiry:create");
  await db.transaction(async (tx) => {
    await tx.insert(consents).values({
      enquiryId,
      subjectId: enquiry.subjectId,
      kind: "withdrawn",
      method: "electronic",
      purpose: CONSENT_PURPOSE,
      noticeVersion: CONSENT_NOTICE_VERSION,
      obtainedAt: new Date(),
      confirmedBy: actor.userId,
    });
    await enqueueEvent(tx, "enquiry/consent-withdrawn", { enquiryId, organisationId: enquiry.organisationId });
    await recordAuditEvent(tx, audit, { action: "consent.withdraw", resourceType: "enquiry", resourceId: enquiryId });
  });
  await dispatchOutbox(db);
  const [pending] = await db
    .select({ id: enquiries.id })
    .from(enquiries)
    .where(and(eq(enquiries.id, enquiryId), inArray(enquiries.status, ["awaiting_consent", "queued"])));
  if (!pending) {
    return { stopped: false, message: "Withdrawal recorded. TPN had already been asked, so the check itself cannot be undone." };
  }
  await failEnquiry(db, enquiryId, FAILURE_REASONS.CONSENT_WITHDRAWN);
  return { stopped: true, message: FAILURE_REASONS.CONSENT_WITHDRAWN.message };
}

import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { enquiries, reports, subjects } from "@/db/schema";
import { NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { encryptField } from "@/lib/crypto/field-encryption";
import { readableEnquiry } from "@/lib/enquiries/read-enquiry";

export const decisionSchema = z.object({
  decision: z.enum(["approved", "declined"], { message: 'Choose "approved" or "declined".' }),
  note: z.string().trim().max(2000, "Use at most 2000 characters.").optional(),
});

/**
 * POPIA s71: the score is advice; a person makes the decision and records it here with a note, which
 * is what the applicant can be given on request together with the reasons.
 */
export async function recordDecision(db: Database, actor: Actor, audit: AuditContext, enquiryId: string, input: z.infer<typeof decisionSchema>) {
  await readableEnquiry(db, actor, enquiryId, "report:decide");
  const [row] = await db
    .select({ dataKeyId: subjects.dataKeyId })
    .from(reports)
    .innerJoin(enquiries, eq(enquiries.id, reports.enquiryId))
    .innerJoin(subjects, eq(subjects.id, enquiries.subjectId))
    .where(eq(reports.enquiryId, enquiryId));
  if (!row) throw new NotFoundError("Report");
  await db.transaction(async (tx) => {
    await tx
      .update(reports)
      .set({
        decision: input.decision,
        decisionNoteEncrypted: input.note ? await encryptField(tx, row.dataKeyId, input.note, "reports.decision_note") : null,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      })
      .where(eq(reports.enquiryId, enquiryId));
    await recordAuditEvent(tx, audit, { action: "report.decision", resourceType: "report", resourceId: enquiryId, metadata: { decision: input.decision } });
  });
}

import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { subjects } from "@/db/schema";
import { NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { destroyDataKey } from "@/lib/crypto/data-keys";

/**
 * POPIA s24 / GDPR art. 17: destroys the subject's data key, so everything sealed under it (here and
 * in every later table and backup) becomes unreadable. The blind index stays so a re-submission is
 * recognised and refused (an erased applicant is not screened again); the audit trail keeps only the subject id.
 */
export async function eraseSubject(executor: DbExecutor, context: AuditContext, subjectId: string, reason: "data-subject-request" | "retention-expired") {
  return executor.transaction(async (tx) => {
    const [row] = await tx.select({ dataKeyId: subjects.dataKeyId }).from(subjects).where(eq(subjects.id, subjectId));
    if (!row) throw new NotFoundError("Subject");
    await destroyDataKey(tx, row.dataKeyId);
    await tx
      .update(subjects)
      .set({ identifierEncrypted: null, displayNameEncrypted: null, erasedAt: new Date() })
      .where(eq(subjects.id, subjectId));
    await recordAuditEvent(tx, context, {
      action: "subject.erase",
      resourceType: "subject",
      resourceId: subjectId,
      metadata: { reason },
    });
  });
}

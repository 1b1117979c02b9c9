import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { subjects } from "@/db/schema";
import { NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { destroyDataKey } from "@/lib/crypto/data-keys";

export type ErasureReason = "data-subject-request" | "retention-expired";

/**
 * What stands in the blind-index column of a subject erased because its retention period ended: it
 * can never equal an HMAC (hex), is unique per subject, and no longer links the row to the person.
 */
export const retiredIdentifierIndex = (subjectId: string) => `retired:${subjectId}`;

/**
 * POPIA s24 / GDPR art. 17: destroys the subject's data key, so everything sealed under it (here and
 * in every later table and backup) becomes unreadable. The audit trail keeps only the subject id.
 *
 * - `data-subject-request`: the blind index stays, so a re-submission is recognised and refused (the
 *   applicant asked to be erased; they are not screened again).
 * - `retention-expired`: the blind index is retired too. Nobody asked us to stop, so a later
 *   application by the same person starts a new subject, and nothing links it to this one.
 *
 * Returns false, changing nothing, when the subject was already erased. `metadata` adds ids, counts
 * and references to the audit event (never personal data).
 */
export async function eraseSubject(
  executor: DbExecutor,
  context: AuditContext,
  subjectId: string,
  reason: ErasureReason,
  metadata: Record<string, unknown> = {},
): Promise<boolean> {
  return executor.transaction(async (tx) => {
    const [row] = await tx.select({ dataKeyId: subjects.dataKeyId, erasedAt: subjects.erasedAt }).from(subjects).where(eq(subjects.id, subjectId)).for("update");
    if (!row) throw new NotFoundError("Subject");
    if (row.erasedAt) return false;
    await destroyDataKey(tx, row.dataKeyId);
    await tx
      .update(subjects)
      .set({
        identifierEncrypted: null,
        displayNameEncrypted: null,
        erasedAt: new Date(),
        ...(reason === "retention-expired" ? { identifierIndex: retiredIdentifierIndex(subjectId) } : {}),
      })
      .where(eq(subjects.id, subjectId));
    await recordAuditEvent(tx, context, {
      action: "subject.erase",
      resourceType: "subject",
      resourceId: subjectId,
      metadata: { ...metadata, reason },
    });
    return true;
  });
}

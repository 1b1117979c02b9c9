import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { subjects } from "@/db/schema";
import { ForbiddenError, ValidationError } from "@/lib/api/errors";
import type { AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { decryptField } from "@/lib/crypto/field-encryption";
import { shredSubject, type ShredResult } from "./shred-subject";

const NOT_PERSONAL = "Use the ticket reference only: the audit log must not hold the applicant's number, a phone number or an email address.";

/**
 * `POST /api/admin/privacy/subjects/:id/erase`. The reference is the request's ticket or case number:
 * it goes into the audit event, so it must not be personal data itself. A run of 13 or more digits (an
 * ID or phone number) or an email address is refused here, the subject's own number below.
 */
export const eraseRequestSchema = z.object({
  reason: z.literal("data-subject-request", { message: 'The reason must be "data-subject-request".' }),
  reference: z
    .string()
    .trim()
    .min(1, "Give the request's reference (ticket or case number).")
    .max(100, "Use at most 100 characters.")
    .refine((value) => !/\d{13,}/.test(value.replace(/\s/g, "")), NOT_PERSONAL)
    .refine((value) => !/\S+@\S+\.\S+/.test(value), NOT_PERSONAL),
});

export type EraseRequest = z.infer<typeof eraseRequestSchema>;

const compact = (text: string) => text.replace(/[\s\u2010-\u2015\u2212/:-]/g, "").toUpperCase();

/**
 * Erases a data subject at their request (POPIA s24, GDPR art. 17): lib/privacy/shred-subject.ts,
 * audited as `subject.erase` with the reason and the request's reference. Idempotent: erasing an
 * erased subject changes nothing and answers with the original erasure time (`alreadyErased: true`).
 */
export async function eraseDataSubject(db: Database, actor: Actor, audit: AuditContext, subjectId: string, input: EraseRequest): Promise<ShredResult> {
  if (!can(actor, "privacy:handle-requests")) throw new ForbiddenError();
  const [subject] = await db.select({ identifierEncrypted: subjects.identifierEncrypted }).from(subjects).where(eq(subjects.id, subjectId));
  if (subject?.identifierEncrypted) {
    const identifier = await decryptField(db, subject.identifierEncrypted, "subjects.identifier").catch(() => "");
    const number = compact(identifier.includes(":") ? (identifier.split(":")[1] ?? "") : identifier);
    if (number.length >= 6 && compact(input.reference).includes(number)) throw new ValidationError("reference", NOT_PERSONAL);
  }
  return shredSubject(db, audit, subjectId, input.reason, { reference: input.reference });
}

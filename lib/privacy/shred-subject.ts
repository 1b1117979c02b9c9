import { and, eq, inArray, isNotNull, isNull, notInArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { consentDocuments, enquiries, notifications, reports, shareLinks, subjects, supportSharedReports, TERMINAL_STATUSES } from "@/db/schema";
import { NotFoundError } from "@/lib/api/errors";
import type { AuditContext } from "@/lib/audit/record-audit-event";
import { forgetDataKey } from "@/lib/crypto/data-keys";
import { decryptField } from "@/lib/crypto/field-encryption";
import { failEnquiry } from "@/lib/enquiries/fail-enquiry";
import { FAILURE_REASONS } from "@/lib/enquiries/failure-reasons";
import { notifyEnquiryEnded } from "@/lib/enquiries/notify-enquiry-ended";
import { recordStatus } from "@/lib/enquiries/record-status";
import { logger } from "@/lib/logger";
import { dispatchOutbox } from "@/lib/outbox/dispatch-outbox";
import { getObjectStore } from "@/lib/storage/get-object-store";
import { eraseSubject, type ErasureReason } from "@/lib/subjects/erase-subject";
import { redactWhatsAppTraces } from "./redact-whatsapp-traces";

export interface ShredResult {
  subjectId: string;
  erasedAt: Date;
  /** The subject had been erased before: nothing changed and nothing was audited. */
  alreadyErased: boolean;
  enquiries: number;
  /** Enquiries still running that were ended as failed (SUBJECT_ERASED). */
  enquiriesStopped: number;
  whatsappMessagesRedacted: number;
  whatsappContactsRemoved: number;
  /** Sealed report PDFs and signed consent forms removed from object storage. */
  filesDeleted: number;
}

/**
 * Internal (no permission check): the one erasure both a data subject's request (lib/privacy/
 * erase-data-subject.ts, privacy:handle-requests) and the retention sweep run.
 *
 * Everything sealed under the subject's key is shredded by `eraseSubject`. This also reaches what
 * lives outside that key:
 * - running enquiries end as failed (SUBJECT_ERASED) and their requesters are told, so nothing is
 *   sent to TPN for an erased applicant;
 * - the requester's own label (`enquiries.reference`, which often names the applicant), the readable
 *   monthly rent, the identifier's last four digits, share links (revoked, labels cleared), reports shared with support (revoked), and
 *   "report ready" notification titles that quoted the label;
 * - WhatsApp copies sealed under contacts' keys (lib/privacy/redact-whatsapp-traces.ts);
 * - after the commit, the sealed PDFs and consent forms in object storage (best effort: an object left
 *   behind is ciphertext under a destroyed key).
 *
 * All database changes and the `subject.erase` audit event commit in one transaction. Idempotent: an
 * erased subject answers `alreadyErased` with its original erasure time.
 */
export async function shredSubject(db: Database, context: AuditContext, subjectId: string, reason: ErasureReason, metadata: Record<string, unknown> = {}): Promise<ShredResult> {
  const [subject] = await db.select({ erasedAt: subjects.erasedAt }).from(subjects).where(eq(subjects.id, subjectId));
  if (!subject) throw new NotFoundError("Data subject");
  if (subject.erasedAt) return alreadyErased(subjectId, subject.erasedAt);

  // Running enquiries stop first, each with its own notification, like any other failure. Should the
  // erasure below then fail, they stay stopped: the applicant asked not to be processed.
  const running = await db
    .select({ id: enquiries.id })
    .from(enquiries)
    .where(and(eq(enquiries.subjectId, subjectId), notInArray(enquiries.status, [...TERMINAL_STATUSES])));
  for (const enquiry of running) await failEnquiry(db, enquiry.id, FAILURE_REASONS.SUBJECT_ERASED);

  const outcome = await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(subjects).where(eq(subjects.id, subjectId)).for("update");
    if (!locked) throw new NotFoundError("Data subject");
    if (locked.erasedAt) return { kind: "already-erased", erasedAt: locked.erasedAt } as const;
    // Read before the key goes: the WhatsApp store is searched for the number.
    const identifier = locked.identifierEncrypted ? await decryptField(tx, locked.identifierEncrypted, "subjects.identifier").catch(() => null) : null;

    const rows = await tx
      .select({ id: enquiries.id, status: enquiries.status, requestedBy: enquiries.requestedBy })
      .from(enquiries)
      .where(eq(enquiries.subjectId, subjectId));
    const enquiryIds = rows.map((row) => row.id);
    const requesterIds = [...new Set(rows.map((row) => row.requestedBy))];

    // One started between the stop above and this lock: stopped here, its requester told after the commit.
    const raced: string[] = [];
    for (const row of rows) {
      if (TERMINAL_STATUSES.includes(row.status)) continue;
      const moved = await recordStatus(tx, row.id, "failed", { message: FAILURE_REASONS.SUBJECT_ERASED.message, failureCode: FAILURE_REASONS.SUBJECT_ERASED.code, audit: context });
      if (moved) raced.push(row.id);
    }

    let files: string[] = [];
    let whatsapp = { messagesRedacted: 0, contactsRemoved: 0, draftsRemoved: 0 };
    if (enquiryIds.length > 0) {
      await tx.update(enquiries).set({ reference: null, monthlyRentCents: null, identifierLast4: "" }).where(eq(enquiries.subjectId, subjectId));
      await tx
        .update(shareLinks)
        .set({ revokedAt: sql`coalesce(${shareLinks.revokedAt}, now())`, label: null })
        .where(inArray(shareLinks.enquiryId, enquiryIds));
      await tx
        .update(supportSharedReports)
        .set({ revokedAt: new Date() })
        .where(and(inArray(supportSharedReports.enquiryId, enquiryIds), isNull(supportSharedReports.revokedAt)));
      for (const row of rows) {
        await tx
          .update(notifications)
          .set({ title: `The report for enquiry ${row.id.slice(0, 8)} was removed: the applicant's personal information was erased.` })
          .where(and(eq(notifications.userId, row.requestedBy), eq(notifications.link, `/enquiries/${row.id}`), eq(notifications.kind, "report.ready")));
      }
      whatsapp = await redactWhatsAppTraces(tx, { enquiryIds, requesterIds, identifier });
      const pdfs = await tx.select({ key: reports.pdfObjectKey }).from(reports).where(and(inArray(reports.enquiryId, enquiryIds), isNotNull(reports.pdfObjectKey)));
      const forms = await tx.select({ key: consentDocuments.objectKey }).from(consentDocuments).where(inArray(consentDocuments.enquiryId, enquiryIds));
      files = [...pdfs, ...forms].flatMap((row) => (row.key ? [row.key] : []));
    }

    const stopped = running.length + raced.length;
    await eraseSubject(tx, context, subjectId, reason, {
      ...metadata,
      enquiries: enquiryIds.length,
      enquiriesStopped: stopped,
      whatsappMessagesRedacted: whatsapp.messagesRedacted,
      whatsappContactsRemoved: whatsapp.contactsRemoved,
      whatsappDraftsRemoved: whatsapp.draftsRemoved,
      files: files.length,
    });
    const [erased] = await tx.select({ erasedAt: subjects.erasedAt }).from(subjects).where(eq(subjects.id, subjectId));
    return { kind: "erased", erasedAt: erased?.erasedAt ?? new Date(), dataKeyId: locked.dataKeyId, enquiries: enquiryIds.length, stopped, raced, whatsapp, files } as const;
  });
  if (outcome.kind === "already-erased") return alreadyErased(subjectId, outcome.erasedAt);

  forgetDataKey(outcome.dataKeyId);
  if (outcome.raced.length > 0) {
    await dispatchOutbox(db).catch(() => undefined);
    for (const id of outcome.raced) await notifyEnquiryEnded(db, id, "failed");
  }
  const store = getObjectStore();
  const deletions = await Promise.allSettled(outcome.files.map((key) => store.delete(key)));
  const failed = deletions.filter((deletion) => deletion.status === "rejected").length;
  if (failed > 0) logger.warn({ subjectId, failed }, "erasure: sealed files left in object storage (unreadable: their key is destroyed)");

  return {
    subjectId,
    erasedAt: outcome.erasedAt,
    alreadyErased: false,
    enquiries: outcome.enquiries,
    enquiriesStopped: outcome.stopped,
    whatsappMessagesRedacted: outcome.whatsapp.messagesRedacted,
    whatsappContactsRemoved: outcome.whatsapp.contactsRemoved,
    filesDeleted: outcome.files.length - failed,
  };
}

function alreadyErased(subjectId: string, erasedAt: Date): ShredResult {
  return { subjectId, erasedAt, alreadyErased: true, enquiries: 0, enquiriesStopped: 0, whatsappMessagesRedacted: 0, whatsappContactsRemoved: 0, filesDeleted: 0 };
}

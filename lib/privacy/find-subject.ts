import { and, count, desc, eq, gt, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { consentDocuments, consents, enquiries, organisations, reports, shareLinks, subjects, supportSharedReports, TERMINAL_STATUSES, whatsappContacts, whatsappMessages } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { resolveIdentifier, type SubjectLookupInput } from "./resolve-identifier";
import { retentionEndsAt } from "./select-expired-subjects";

/**
 * What we hold about one data subject, without decrypting any of it: ids, dates, statuses, the
 * organisations that screened them, and counts. The lookup answers with this; so does the page.
 */
export interface SubjectHoldings {
  subject: { id: string; kind: "individual" | "company"; createdAt: Date; erasedAt: Date | null };
  enquiries: Array<{ id: string; organisationName: string; status: string; channel: string; createdAt: Date; completedAt: Date | null }>;
  reports: number;
  consents: number;
  signedConsentForms: number;
  shareLinks: { total: number; active: number };
  whatsapp: {
    /** Stored messages about the subject's enquiries (report summaries, consent requests, notices). */
    messages: number;
    /** The applicant's own numbers that were asked for consent, last 4 digits only. */
    applicantNumbers: string[];
  };
  /** Reports on the subject a customer shared with support, still shared. */
  supportSharedReports: number;
  /** When the retention sweep erases the subject (null while an enquiry is running or once erased). */
  retention: { days: number; erasesAfter: Date | null };
}

/**
 * `POST /api/admin/privacy/subject-lookup`: finds a data subject by their SA ID, passport or CIPC
 * number (through the blind index: the number is never compared in clear) and lists what we hold.
 * Every lookup is audited, found or not; the number itself never reaches the audit log.
 */
export async function findSubject(db: Database, actor: Actor, audit: AuditContext, input: SubjectLookupInput): Promise<SubjectHoldings> {
  if (!can(actor, "privacy:handle-requests")) throw new ForbiddenError();
  const resolved = await resolveIdentifier(input);
  const [subject] = await db
    .select({ id: subjects.id })
    .from(subjects)
    .where(and(eq(subjects.kind, resolved.subjectKind), eq(subjects.identifierIndex, resolved.index)));
  await recordAuditEvent(db, audit, {
    action: "privacy.subject.lookup",
    resourceType: "subject",
    resourceId: subject?.id ?? null,
    outcome: subject ? "success" : "failure",
    metadata: { identifierType: resolved.kind, found: Boolean(subject) },
  });
  if (!subject) throw new NotFoundError("Data subject");
  return subjectHoldings(db, subject.id);
}

/** Internal: the caller checked privacy:handle-requests. */
export async function subjectHoldings(db: Database, subjectId: string): Promise<SubjectHoldings> {
  const [subject] = await db
    .select({ id: subjects.id, kind: subjects.kind, createdAt: subjects.createdAt, erasedAt: subjects.erasedAt })
    .from(subjects)
    .where(eq(subjects.id, subjectId));
  if (!subject) throw new NotFoundError("Data subject");
  const rows = await db
    .select({
      id: enquiries.id,
      organisationName: organisations.name,
      status: enquiries.status,
      channel: enquiries.channel,
      createdAt: enquiries.createdAt,
      updatedAt: enquiries.updatedAt,
      completedAt: enquiries.completedAt,
    })
    .from(enquiries)
    .innerJoin(organisations, eq(organisations.id, enquiries.organisationId))
    .where(eq(enquiries.subjectId, subjectId))
    .orderBy(desc(enquiries.createdAt));
  const ids = rows.map((row) => row.id);
  const none = ids.length === 0;
  const tally = async (query: Promise<Array<{ n: number }>>) => (none ? 0 : ((await query)[0]?.n ?? 0));

  const applicantNumbers = none
    ? []
    : await db
        .selectDistinct({ last4: whatsappContacts.phoneLast4 })
        .from(whatsappMessages)
        .innerJoin(whatsappContacts, eq(whatsappContacts.id, whatsappMessages.contactId))
        .where(and(inArray(whatsappMessages.enquiryId, ids), eq(whatsappMessages.purpose, "consent-request")));

  const ended = rows.filter((row) => TERMINAL_STATUSES.includes(row.status));
  const lastEndedAt = ended.reduce<Date | null>((latest, row) => {
    const at = row.completedAt ?? row.updatedAt;
    return latest && latest > at ? latest : at;
  }, null);
  const days = env.SUBJECT_RETENTION_DAYS;

  return {
    subject,
    enquiries: rows.map(({ updatedAt: _updatedAt, ...row }) => row),
    reports: await tally(db.select({ n: count() }).from(reports).where(inArray(reports.enquiryId, ids))),
    consents: (await db.select({ n: count() }).from(consents).where(eq(consents.subjectId, subjectId)))[0]?.n ?? 0,
    signedConsentForms: await tally(db.select({ n: count() }).from(consentDocuments).where(inArray(consentDocuments.enquiryId, ids))),
    shareLinks: {
      total: await tally(db.select({ n: count() }).from(shareLinks).where(inArray(shareLinks.enquiryId, ids))),
      active: await tally(
        db
          .select({ n: count() })
          .from(shareLinks)
          .where(and(inArray(shareLinks.enquiryId, ids), isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, new Date()))),
      ),
    },
    whatsapp: {
      messages: await tally(db.select({ n: count() }).from(whatsappMessages).where(and(isNotNull(whatsappMessages.enquiryId), inArray(whatsappMessages.enquiryId, ids)))),
      applicantNumbers: applicantNumbers.map((row) => `•••• ${row.last4}`),
    },
    supportSharedReports: await tally(
      db
        .select({ n: count() })
        .from(supportSharedReports)
        .where(and(inArray(supportSharedReports.enquiryId, ids), isNull(supportSharedReports.revokedAt))),
    ),
    retention: {
      days,
      erasesAfter: subject.erasedAt ? null : retentionEndsAt({ createdAt: subject.createdAt, openEnquiries: rows.length - ended.length, lastEndedAt }, days),
    },
  };
}

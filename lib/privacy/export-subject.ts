import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bureauRecords, consentDocuments, consentRequests, consents, enquiries, organisations, reports, shareLinks, subjects } from "@/db/schema";
import { ErasedError, ForbiddenError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { CONSENT_FORM_NAME_COLUMN } from "@/lib/consent/consent-form-summary";
import { CONSENT_FORM_BYTES_PURPOSE } from "@/lib/consent/consent-form";
import { decryptBytes, decryptField, decryptJson } from "@/lib/crypto/field-encryption";
import { APPLICANT_COLUMN, type ApplicantDetails } from "@/lib/enquiries/applicant-details";
import { BUREAU_REPORT_COLUMN } from "@/lib/enquiries/fetch-bureau-record";
import { ASSESSMENT_COLUMN } from "@/lib/reports/load-report-sources";
import { getObjectStore } from "@/lib/storage/get-object-store";

export const SUBJECT_EXPORT_FORMAT = "tenantlens.subject-export.v1";

const IDENTIFIER_TYPES = { "sa-id": "South African ID number", passport: "Passport", cipc: "CIPC company registration number" } as const;

/**
 * `GET /api/admin/privacy/subjects/:id/export` (POPIA s23, GDPR art. 15): everything we hold about the
 * subject, decrypted, for an admin to hand to the data subject: the identifier and name, and per
 * enquiry the organisation that screened them, the details it gave, the consent records (with the
 * applicant's own IP and browser when they consented through the link), the signed consent form,
 * TPN's record, the risk assessment and the organisation's decision. Audited. An erased subject is 410:
 * there is nothing left to export.
 */
export async function exportSubject(db: Database, actor: Actor, audit: AuditContext, subjectId: string) {
  if (!can(actor, "privacy:handle-requests")) throw new ForbiddenError();
  const [subject] = await db.select().from(subjects).where(eq(subjects.id, subjectId));
  if (!subject) throw new NotFoundError("Data subject");
  if (subject.erasedAt || !subject.identifierEncrypted) {
    throw new ErasedError(`This data subject's personal information was erased on ${subject.erasedAt?.toISOString().slice(0, 10) ?? "an earlier date"}; there is nothing left to export.`);
  }
  const identifier = await decryptField(db, subject.identifierEncrypted, "subjects.identifier");
  const name = subject.displayNameEncrypted ? await decryptField(db, subject.displayNameEncrypted, "subjects.display_name") : null;

  const rows = await db
    .select({ enquiry: enquiries, organisationName: organisations.name })
    .from(enquiries)
    .innerJoin(organisations, eq(organisations.id, enquiries.organisationId))
    .where(eq(enquiries.subjectId, subjectId))
    .orderBy(asc(enquiries.createdAt));
  const ids = rows.map((row) => row.enquiry.id);
  const byEnquiry = <T extends { enquiryId: string }>(list: T[]) => (id: string) => list.filter((item) => item.enquiryId === id);
  const hasEnquiries = ids.length > 0;
  const consentRows = byEnquiry(hasEnquiries ? await db.select().from(consents).where(inArray(consents.enquiryId, ids)).orderBy(asc(consents.createdAt)) : []);
  const requestRows = byEnquiry(hasEnquiries ? await db.select().from(consentRequests).where(inArray(consentRequests.enquiryId, ids)) : []);
  const formRows = byEnquiry(hasEnquiries ? await db.select().from(consentDocuments).where(inArray(consentDocuments.enquiryId, ids)).orderBy(desc(consentDocuments.createdAt)) : []);
  const recordRows = byEnquiry(hasEnquiries ? await db.select().from(bureauRecords).where(inArray(bureauRecords.enquiryId, ids)) : []);
  const reportRows = byEnquiry(hasEnquiries ? await db.select().from(reports).where(inArray(reports.enquiryId, ids)) : []);
  const linkRows = byEnquiry(hasEnquiries ? await db.select({ enquiryId: shareLinks.enquiryId, views: shareLinks.views }).from(shareLinks).where(inArray(shareLinks.enquiryId, ids)) : []);

  const exported = [];
  for (const { enquiry, organisationName } of rows) {
    const applicant = enquiry.applicantEncrypted ? await decryptJson<ApplicantDetails>(db, enquiry.applicantEncrypted, APPLICANT_COLUMN) : {};
    const [request] = requestRows(enquiry.id);
    const [form] = formRows(enquiry.id);
    const [record] = recordRows(enquiry.id);
    const [report] = reportRows(enquiry.id);
    const links = linkRows(enquiry.id);
    exported.push({
      id: enquiry.id,
      organisation: organisationName,
      purpose: "TENANT_SCREENING",
      requestedAt: enquiry.createdAt,
      channel: enquiry.channel,
      status: enquiry.status,
      completedAt: enquiry.completedAt,
      failure: enquiry.failureCode ? { code: enquiry.failureCode, message: enquiry.failureMessage } : null,
      applicant,
      consentRequest: request
        ? {
            channel: request.channel,
            sentTo: await decryptField(db, request.destinationEncrypted, "consent_requests.destination"),
            sentAt: request.createdAt,
            expiresAt: request.expiresAt,
            answeredAt: request.completedAt,
          }
        : null,
      consents: await Promise.all(
        consentRows(enquiry.id).map(async (consent) => ({
          kind: consent.kind,
          method: consent.method,
          purpose: consent.purpose,
          noticeVersion: consent.noticeVersion,
          obtainedAt: consent.obtainedAt,
          recordedAt: consent.createdAt,
          givenBy: consent.confirmedBy ? "attested by the organisation" : "the applicant",
          evidence: consent.evidence,
          /** The applicant's IP address, browser and time when they answered through the link. */
          applicantContext: consent.applicantContextEncrypted ? await decryptJson<unknown>(db, consent.applicantContextEncrypted, "consents.applicant_context") : null,
        })),
      ),
      signedConsentForm: form ? await signedForm(db, form) : null,
      bureauRecord: record ? { source: "TPN", found: record.found, receivedAt: record.receivedAt, record: await decryptJson<unknown>(db, record.reportEncrypted, BUREAU_REPORT_COLUMN) } : null,
      riskAssessment: report ? { modelVersion: report.modelVersion, assessment: await decryptJson<unknown>(db, report.assessmentEncrypted, ASSESSMENT_COLUMN) } : null,
      decision: report?.decision
        ? {
            decision: report.decision,
            note: report.decisionNoteEncrypted ? await decryptField(db, report.decisionNoteEncrypted, "reports.decision_note") : null,
            decidedAt: report.decidedAt,
          }
        : null,
      reportPdf: report?.pdfObjectKey ? { renderedAt: report.renderedAt, bytes: report.pdfBytes, note: "A rendering of the record and assessment above." } : null,
      shared: { links: links.length, views: links.reduce((sum, link) => sum + link.views, 0) },
    });
  }

  const identifierType = rows[0]?.enquiry.identifierKind ?? (subject.kind === "company" ? "cipc" : identifier.includes(":") ? "passport" : "sa-id");
  const body = {
    format: SUBJECT_EXPORT_FORMAT,
    exportedAt: new Date(),
    notice:
      "The personal information TenantLens holds about this data subject (POPIA section 23, GDPR article 15), collected for tenant screening by the organisations listed, with the applicant's consent. Amounts are in rand a month.",
    subject: {
      id: subject.id,
      type: subject.kind,
      identifierType: IDENTIFIER_TYPES[identifierType],
      identifier,
      name,
      firstRecordedAt: subject.createdAt,
    },
    enquiries: exported,
  };
  await recordAuditEvent(db, audit, { action: "privacy.subject.export", resourceType: "subject", resourceId: subject.id, metadata: { enquiries: rows.length } });
  return body;
}

/** The signed form itself, base64, so the export is complete; a missing object is said, not hidden. */
async function signedForm(db: Database, form: typeof consentDocuments.$inferSelect) {
  const meta = { filename: await decryptField(db, form.filenameEncrypted, CONSENT_FORM_NAME_COLUMN), mimeType: form.mimeType, bytes: form.bytes, uploadedAt: form.createdAt };
  try {
    const sealed = new TextDecoder().decode(await getObjectStore().get(form.objectKey));
    return { ...meta, contentBase64: Buffer.from(await decryptBytes(db, sealed, CONSENT_FORM_BYTES_PURPOSE)).toString("base64") };
  } catch {
    return { ...meta, contentBase64: null, note: "The file could not be read from storage." };
  }
}

/** The download's name: no personal data, just the subject's short id and the date. */
export function subjectExportFilename(subjectId: string, at = new Date()): string {
  return `tenantlens-subject-${subjectId.slice(0, 8)}-${at.toISOString().slice(0, 10)}.json`;
}

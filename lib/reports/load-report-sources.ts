import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bureauRecords, enquiries, organisations, reports, subjects, users } from "@/db/schema";
import { ErasedError, NotFoundError } from "@/lib/api/errors";
import { decryptJson } from "@/lib/crypto/field-encryption";
import { APPLICANT_COLUMN, type ApplicantDetails } from "@/lib/enquiries/applicant-details";
import { BUREAU_REPORT_COLUMN } from "@/lib/enquiries/fetch-bureau-record";
import { maskedIdentifier } from "@/lib/enquiries/read-enquiry";
import type { RiskAssessment } from "@/lib/risk/types";
import type { CommercialReport, ConsumerReport } from "@/lib/tpn/types";
import type { ReportEnquiryInput } from "./view-model";

export const ASSESSMENT_COLUMN = "reports.assessment";

/** Everything a report is made from, decrypted: callers must have authorised access already. */
export async function loadReportSources(db: Database, enquiryId: string) {
  const [row] = await db
    .select({ enquiry: enquiries, dataKeyId: subjects.dataKeyId, erasedAt: subjects.erasedAt, organisationName: organisations.name, requestedBy: users.name, record: bureauRecords, report: reports })
    .from(enquiries)
    .innerJoin(subjects, eq(subjects.id, enquiries.subjectId))
    .innerJoin(organisations, eq(organisations.id, enquiries.organisationId))
    .innerJoin(users, eq(users.id, enquiries.requestedBy))
    .leftJoin(bureauRecords, eq(bureauRecords.enquiryId, enquiries.id))
    .leftJoin(reports, eq(reports.enquiryId, enquiries.id))
    .where(eq(enquiries.id, enquiryId));
  if (!row?.record) throw new NotFoundError("Report");
  if (row.erasedAt) throw new ErasedError();
  const { enquiry } = row;
  const details = enquiry.applicantEncrypted ? await decryptJson<ApplicantDetails>(db, enquiry.applicantEncrypted, APPLICANT_COLUMN) : {};
  const bureau = await decryptJson<ConsumerReport | CommercialReport>(db, row.record.reportEncrypted, BUREAU_REPORT_COLUMN);
  const assessment = row.report ? await decryptJson<RiskAssessment>(db, row.report.assessmentEncrypted, ASSESSMENT_COLUMN) : undefined;
  const enquiryInput: ReportEnquiryInput = {
    id: enquiry.id,
    reference: enquiry.reference,
    organisationName: row.organisationName,
    requestedBy: row.requestedBy,
    maskedIdentifier: maskedIdentifier(enquiry.identifierKind, enquiry.identifierLast4),
    subjectName: details.companyName ?? ([details.firstName, details.surname].filter(Boolean).join(" ") || null),
    subjectType: enquiry.subjectType,
    identifierKind: enquiry.identifierKind,
  };
  return { enquiry, details, bureau, assessment, report: row.report, dataKeyId: row.dataKeyId, enquiryInput };
}

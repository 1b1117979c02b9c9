import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { enquiries, reports, subjects } from "@/db/schema";
import { ErasedError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { decryptBytes } from "@/lib/crypto/field-encryption";
import { readableEnquiry } from "@/lib/enquiries/read-enquiry";
import { getObjectStore } from "@/lib/storage/get-object-store";

export const REPORT_PDF_PURPOSE = "reports.pdf";

export interface PdfFile {
  bytes: Uint8Array<ArrayBuffer>;
  /** Chosen by the server: the enquiry's short id and date, never the applicant's name or number. */
  filename: string;
}

export function reportObjectKey(enquiryId: string): string {
  return `reports/${enquiryId}.pdf.sealed`;
}

async function loadPdf(db: Database, enquiryId: string): Promise<PdfFile> {
  const [row] = await db
    .select({ report: reports, erasedAt: subjects.erasedAt })
    .from(reports)
    .innerJoin(enquiries, eq(enquiries.id, reports.enquiryId))
    .innerJoin(subjects, eq(subjects.id, enquiries.subjectId))
    .where(eq(reports.enquiryId, enquiryId));
  const report = row?.report;
  if (!row || !report?.pdfObjectKey || !report.renderedAt) throw new NotFoundError("Report PDF");
  // Erasure deletes the sealed object too: answer 410 before asking storage for it.
  if (row.erasedAt) throw new ErasedError();
  const sealed = new TextDecoder().decode(await getObjectStore().get(report.pdfObjectKey));
  return {
    bytes: await decryptBytes(db, sealed, REPORT_PDF_PURPOSE),
    filename: `tenantlens-report-${enquiryId.slice(0, 8)}-${report.renderedAt.toISOString().slice(0, 10)}.pdf`,
  };
}

/** For a signed-in reader of the enquiry (report:download), audited. */
export async function downloadReportPdf(db: Database, actor: Actor, audit: AuditContext, enquiryId: string): Promise<PdfFile> {
  await readableEnquiry(db, actor, enquiryId, "report:download");
  const file = await loadPdf(db, enquiryId);
  await recordAuditEvent(db, audit, { action: "report.download", resourceType: "report", resourceId: enquiryId });
  return file;
}

/** For a share-link visitor; the link was already checked and its view audited by openShareLink. */
export function sharedReportPdf(db: Database, enquiryId: string): Promise<PdfFile> {
  return loadPdf(db, enquiryId);
}

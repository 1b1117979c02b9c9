import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { reports } from "@/db/schema";
import { NotFoundError } from "@/lib/api/errors";
import { encryptBytes } from "@/lib/crypto/field-encryption";
import { getObjectStore } from "@/lib/storage/get-object-store";
import { loadReportSources } from "./load-report-sources";
import { renderReportPdf } from "./pdf";
import { REPORT_PDF_PURPOSE, reportObjectKey } from "./report-pdf-file";
import { toReportViewModel } from "./view-model";

/** Renders the scored report to PDF, seals it under the subject's key and puts it in object storage. */
export async function renderStoredReport(db: Database, enquiryId: string, now = new Date()): Promise<{ bytes: number }> {
  const sources = await loadReportSources(db, enquiryId);
  if (!sources.assessment || !sources.report) throw new NotFoundError("Report");
  const view = toReportViewModel({ report: sources.bureau, risk: sources.assessment, enquiry: sources.enquiryInput, generatedAt: now });
  const pdf = await renderReportPdf(view);
  const sealed = await encryptBytes(db, sources.dataKeyId, new Uint8Array(pdf), REPORT_PDF_PURPOSE);
  const key = reportObjectKey(enquiryId);
  await getObjectStore().put(key, new TextEncoder().encode(sealed));
  await db.update(reports).set({ pdfObjectKey: key, pdfBytes: pdf.byteLength, renderedAt: now }).where(eq(reports.enquiryId, enquiryId));
  return { bytes: pdf.byteLength };
}

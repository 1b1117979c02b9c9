import type { Database } from "@/db/client";
import { reports } from "@/db/schema";
import { encryptJson } from "@/lib/crypto/field-encryption";
import { publishStatus } from "@/lib/enquiries/publish-status";
import { recordStatus, STATUS_MESSAGES } from "@/lib/enquiries/record-status";
import { assessRisk } from "@/lib/risk";
import { ASSESSMENT_COLUMN, loadReportSources } from "./load-report-sources";

/**
 * Scores the stored bureau record with the current model and keeps the assessment (it quotes bureau
 * facts, so it is sealed like them). Re-running replaces the assessment, so a retried step is harmless.
 */
export async function scoreEnquiry(db: Database, enquiryId: string, asOf = new Date()): Promise<void> {
  const { enquiry, details, bureau, dataKeyId } = await loadReportSources(db, enquiryId);
  const assessment = assessRisk({
    report: bureau,
    monthlyRent: details.monthlyRent,
    grossMonthlyIncome: details.grossMonthlyIncome,
    subjectType: enquiry.subjectType,
    asOf,
  });
  const moved = await db.transaction(async (tx) => {
    const sealed = await encryptJson(tx, dataKeyId, assessment, ASSESSMENT_COLUMN);
    await tx
      .insert(reports)
      .values({ enquiryId, organisationId: enquiry.organisationId, modelVersion: assessment.modelVersion, assessmentEncrypted: sealed })
      .onConflictDoUpdate({ target: reports.enquiryId, set: { modelVersion: assessment.modelVersion, assessmentEncrypted: sealed } });
    return recordStatus(tx, enquiryId, "rendering");
  });
  if (moved) await publishStatus(moved, "rendering", STATUS_MESSAGES.rendering);
}

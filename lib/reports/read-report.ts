import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { decryptField } from "@/lib/crypto/field-encryption";
import { readableEnquiry } from "@/lib/enquiries/read-enquiry";
import { loadReportSources } from "./load-report-sources";
import { toReportViewModel } from "./view-model";

async function reportView(db: Database, enquiryId: string) {
  const sources = await loadReportSources(db, enquiryId);
  if (!sources.assessment || !sources.report) throw new NotFoundError("Report");
  const { assessment, report } = sources;
  const view = toReportViewModel({
    report: sources.bureau,
    risk: assessment,
    enquiry: sources.enquiryInput,
    generatedAt: report.renderedAt ?? report.createdAt,
  });
  return { sources, assessment, report, view };
}

/** `GET /api/reports/:id`: the assessment beside the report sections; organisation-scoped and audited. */
export async function getReport(db: Database, actor: Actor, audit: AuditContext, enquiryId: string) {
  await readableEnquiry(db, actor, enquiryId, "report:read");
  const body = await reportBody(db, enquiryId);
  await recordAuditEvent(db, audit, { action: "report.read", resourceType: "report", resourceId: enquiryId });
  return body;
}

/** The report as `GET /api/reports/:id` shows it; callers check access and audit the read first. */
export async function reportBody(db: Database, enquiryId: string) {
  const { sources, assessment, report, view } = await reportView(db, enquiryId);
  const [decider] = report.decidedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, report.decidedBy)) : [];
  return {
    id: enquiryId,
    status: sources.enquiry.status,
    risk: {
      score: assessment.score,
      band: assessment.band,
      recommendation: assessment.recommendation,
      reasons: assessment.reasons,
      affordability: assessment.affordability ?? null,
      modelVersion: assessment.modelVersion,
    },
    report: view,
    pdfAvailable: Boolean(report.pdfObjectKey),
    decision: report.decision
      ? {
          decision: report.decision,
          note: report.decisionNoteEncrypted ? await decryptField(db, report.decisionNoteEncrypted, "reports.decision_note") : null,
          decidedBy: decider?.name ?? null,
          decidedAt: report.decidedAt,
        }
      : null,
  };
}

/** For a share-link visitor (already checked by openShareLink): the report without the decision note. */
export async function getSharedReport(db: Database, enquiryId: string) {
  const { view } = await reportView(db, enquiryId);
  return view;
}

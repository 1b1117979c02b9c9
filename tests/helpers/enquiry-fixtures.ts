import type { Database } from "@/db/client";
import { consents, enquiries, type EnquiryStatus } from "@/db/schema";
import { registerSubject } from "@/lib/subjects/register-subject";
import type { FixtureUser } from "./app-fixtures";
import { freshSaIdNumber } from "./identity-numbers";

/** An enquiry row with its subject and no consent record yet (e.g. one whose applicant is being asked). */
export async function insertEnquiryWithoutConsent(db: Database, owner: FixtureUser, status: EnquiryStatus = "queued"): Promise<{ id: string; subjectId: string }> {
  const identifier = freshSaIdNumber();
  const subject = await registerSubject(db, { kind: "individual", identifierKind: "sa-id", identifier });
  const id = crypto.randomUUID();
  await db.insert(enquiries).values({
    id,
    organisationId: owner.organisationId,
    requestedBy: owner.id,
    subjectId: subject.id,
    subjectType: "individual",
    identifierKind: "sa-id",
    identifierLast4: identifier.slice(-4),
    status,
  });
  return { id, subjectId: subject.id };
}

/** An enquiry row straight into the database (no rate limits, no workflow), for authorization tests. */
export async function insertEnquiry(db: Database, owner: FixtureUser, status: EnquiryStatus = "queued"): Promise<string> {
  const { id, subjectId } = await insertEnquiryWithoutConsent(db, owner, status);
  await db.insert(consents).values({
    enquiryId: id,
    subjectId,
    kind: "granted",
    method: "signed_form",
    purpose: "TENANT_SCREENING",
    noticeVersion: "2026-12-v1",
    obtainedAt: new Date(),
    confirmedBy: owner.id,
  });
  return id;
}

/**
 * A finished enquiry with its bureau record, assessment and sealed PDF, made through the same services
 * the report workflow runs (no executor needed).
 */
export async function insertReadyReport(db: Database, owner: FixtureUser): Promise<string> {
  const { buildConsumerReport } = await import("@/dev/tpn/reports");
  const { bureauRecords, enquiries: enquiryTable, subjects } = await import("@/db/schema");
  const { encryptJson } = await import("@/lib/crypto/field-encryption");
  const { BUREAU_REPORT_COLUMN } = await import("@/lib/enquiries/fetch-bureau-record");
  const { scoreEnquiry } = await import("@/lib/reports/score-enquiry");
  const { renderStoredReport } = await import("@/lib/reports/render-stored-report");
  const { eq } = await import("drizzle-orm");
  const id = await insertEnquiry(db, owner, "scoring");
  const [row] = await db
    .select({ dataKeyId: subjects.dataKeyId })
    .from(enquiryTable)
    .innerJoin(subjects, eq(subjects.id, enquiryTable.subjectId))
    .where(eq(enquiryTable.id, id));
  if (!row) throw new Error("fixture enquiry missing");
  const report = buildConsumerReport(
    { idNumber: freshSaIdNumber() },
    { enquiryId: id, generatedAt: new Date().toISOString(), billing: { chargeable: true, reference: `fixture-${id.slice(0, 8)}` } },
    new Date(),
  );
  await db.insert(bureauRecords).values({ enquiryId: id, found: report.found, reportEncrypted: await encryptJson(db, row.dataKeyId, report, BUREAU_REPORT_COLUMN) });
  await scoreEnquiry(db, id);
  await renderStoredReport(db, id);
  await db.update(enquiryTable).set({ status: "ready", completedAt: new Date() }).where(eq(enquiryTable.id, id));
  return id;
}

import type { Database } from "@/db/client";
import { consents, enquiries, type EnquiryStatus } from "@/db/schema";
import { registerSubject } from "@/lib/subjects/register-subject";
import type { FixtureUser } from "./app-fixtures";
import { freshSaIdNumber } from "./identity-numbers";

/** An enquiry row straight into the database (no rate limits, no workflow), for authorization tests. */
export async function insertEnquiry(db: Database, owner: FixtureUser, status: EnquiryStatus = "queued"): Promise<string> {
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
  await db.insert(consents).values({
    enquiryId: id,
    subjectId: subject.id,
    kind: "granted",
    method: "signed_form",
    purpose: "TENANT_SCREENING",
    noticeVersion: "2026-12-v1",
    obtainedAt: new Date(),
    confirmedBy: owner.id,
  });
  return id;
}

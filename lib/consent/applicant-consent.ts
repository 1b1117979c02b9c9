import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { consentRequests, consents, enquiries, organisations, subjects } from "@/db/schema";
import { BadRequestError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { hashSecretToken } from "@/lib/auth/secret-tokens";
import { decryptJson, encryptJson } from "@/lib/crypto/field-encryption";
import { APPLICANT_COLUMN, type ApplicantDetails } from "@/lib/enquiries/applicant-details";
import { failEnquiry } from "@/lib/enquiries/fail-enquiry";
import { publishStatus } from "@/lib/enquiries/publish-status";
import { recordStatus, STATUS_MESSAGES } from "@/lib/enquiries/record-status";
import { dispatchOutbox } from "@/lib/outbox/dispatch-outbox";
import { enqueueEvent } from "@/lib/outbox/enqueue-event";
import { CONSENT_NOTICE, CONSENT_NOTICE_VERSION, CONSENT_PURPOSE } from "./notice";

async function openRequest(db: Database, where: { token: string } | { requestId: string }) {
  const match = "token" in where ? eq(consentRequests.tokenHash, await hashSecretToken(where.token)) : eq(consentRequests.id, where.requestId);
  const [row] = await db
    .select({ request: consentRequests, enquiry: enquiries, organisationName: organisations.name, dataKeyId: subjects.dataKeyId })
    .from(consentRequests)
    .innerJoin(enquiries, eq(enquiries.id, consentRequests.enquiryId))
    .innerJoin(organisations, eq(organisations.id, enquiries.organisationId))
    .innerJoin(subjects, eq(subjects.id, enquiries.subjectId))
    .where(and(match, isNull(consentRequests.completedAt), gt(consentRequests.expiresAt, new Date())));
  if (!row || row.enquiry.status !== "awaiting_consent") {
    throw new NotFoundError("Consent request");
  }
  return row;
}

export type OpenConsentRequest = Awaited<ReturnType<typeof openRequest>>;

/** A WhatsApp consent request by id, for the applicant's button reply (the caller checks the sender's number). */
export function openConsentRequestById(db: Database, requestId: string): Promise<OpenConsentRequest> {
  return openRequest(db, { requestId });
}

/** What the applicant sees before deciding: who asks, the masked identifier they can recognise, the notice. */
export async function readConsentRequest(db: Database, token: string) {
  const { enquiry, organisationName, request } = await openRequest(db, { token });
  const details = enquiry.applicantEncrypted ? await decryptJson<ApplicantDetails>(db, enquiry.applicantEncrypted, APPLICANT_COLUMN) : {};
  return {
    organisationName,
    applicantName: details.companyName ?? ([details.firstName, details.surname].filter(Boolean).join(" ") || null),
    identifier: `${enquiry.identifierKind === "cipc" ? "Registration" : enquiry.identifierKind === "passport" ? "Passport" : "ID"} number ending ${enquiry.identifierLast4}`,
    purpose: CONSENT_PURPOSE,
    notice: CONSENT_NOTICE,
    noticeVersion: CONSENT_NOTICE_VERSION,
    expiresAt: request.expiresAt.toISOString(),
  };
}

export interface ApplicantContext {
  ip: string | null;
  userAgent: string | null;
}

/** The applicant confirms: consent is recorded (with when, IP and user agent) and the waiting workflow continues. */
export async function grantConsentByApplicant(db: Database, audit: AuditContext, token: string, context: ApplicantContext, noticeVersion: string) {
  if (noticeVersion !== CONSENT_NOTICE_VERSION) {
    throw new BadRequestError("The notice changed while the page was open. Reload it, read it again and confirm.", { code: "NOTICE_OUTDATED", field: "noticeVersion" });
  }
  await recordApplicantGrant(db, audit, await openRequest(db, { token }), { method: "applicant_link", context: { ...context } });
}

/**
 * Records the applicant's own consent (through the link, or their WhatsApp button reply), moves the
 * enquiry to the queue and wakes the workflow, in one transaction.
 */
export async function recordApplicantGrant(
  db: Database,
  audit: AuditContext,
  { enquiry, request, dataKeyId }: OpenConsentRequest,
  how: { method: "applicant_link" | "whatsapp"; context: Record<string, unknown>; evidence?: string },
) {
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx.update(consentRequests).set({ completedAt: now }).where(eq(consentRequests.id, request.id));
    await tx.insert(consents).values({
      enquiryId: enquiry.id,
      subjectId: enquiry.subjectId,
      kind: "granted",
      method: how.method,
      purpose: CONSENT_PURPOSE,
      noticeVersion: CONSENT_NOTICE_VERSION,
      obtainedAt: now,
      confirmedBy: null,
      applicantContextEncrypted: await encryptJson(tx, dataKeyId, { ...how.context, at: now.toISOString() }, "consents.applicant_context"),
      evidence: how.evidence,
    });
    await recordStatus(tx, enquiry.id, "queued", { audit: { ...audit, organisationId: enquiry.organisationId } });
    await enqueueEvent(tx, "enquiry/consent-granted", { enquiryId: enquiry.id, organisationId: enquiry.organisationId });
    await recordAuditEvent(tx, { ...audit, organisationId: enquiry.organisationId }, { action: "consent.grant", resourceType: "enquiry", resourceId: enquiry.id, metadata: { method: how.method } });
  });
  await dispatchOutbox(db).catch(() => undefined);
  await publishStatus(enquiry, "queued", STATUS_MESSAGES.queued);
}

/** The applicant refuses: recorded as a withdrawal, and the enquiry stops before TPN is contacted. */
export async function declineConsentByApplicant(db: Database, audit: AuditContext, token: string) {
  await recordApplicantDecline(db, audit, await openRequest(db, { token }), "applicant_link");
}

export async function recordApplicantDecline(db: Database, audit: AuditContext, { enquiry, request }: OpenConsentRequest, method: "applicant_link" | "whatsapp", evidence?: string) {
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx.update(consentRequests).set({ completedAt: now }).where(eq(consentRequests.id, request.id));
    await tx.insert(consents).values({
      enquiryId: enquiry.id,
      subjectId: enquiry.subjectId,
      kind: "withdrawn",
      method,
      evidence,
      purpose: CONSENT_PURPOSE,
      noticeVersion: CONSENT_NOTICE_VERSION,
      obtainedAt: now,
    });
    await recordAuditEvent(tx, { ...audit, organisationId: enquiry.organisationId }, { action: "consent.decline", resourceType: "enquiry", resourceId: enquiry.id });
  });
  await failEnquiry(db, enquiry.id, { code: "CONSENT_DECLINED", message: "The applicant declined consent, so TPN was not contacted." });
}

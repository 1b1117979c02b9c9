import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { consents, enquiries, enquiryEvents, users } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, canAccess, type Action, type Actor } from "@/lib/auth/permissions";
import { consentFormSummary } from "@/lib/consent/consent-form-summary";
import { decryptJson } from "@/lib/crypto/field-encryption";
import { APPLICANT_COLUMN, type ApplicantDetails } from "./applicant-details";

/**
 * The one way to load an enquiry for a caller: same organisation, and a Landlord's own. Anything else
 * (another organisation's, a colleague's for a Landlord, or no such id) answers the same 404.
 */
export async function readableEnquiry(db: Database, actor: Actor, enquiryId: string, action: Action = "enquiry:read") {
  if (!can(actor, action)) throw new ForbiddenError();
  const [enquiry] = await db
    .select()
    .from(enquiries)
    .where(and(eq(enquiries.id, enquiryId), eq(enquiries.organisationId, actor.organisationId)));
  if (!enquiry || !canAccess(actor, action, { organisationId: enquiry.organisationId, ownerUserId: enquiry.requestedBy })) {
    throw new NotFoundError("Enquiry");
  }
  return enquiry;
}

export function maskedIdentifier(kind: string, last4: string): string {
  return kind === "cipc" ? `••••/••••${last4.slice(0, 2)}/${last4.slice(2)}` : `•••••••••${last4}`;
}

/** The detail page's data; reading it is audited because it shows personal information. */
export async function getEnquiry(db: Database, actor: Actor, audit: AuditContext, enquiryId: string) {
  const enquiry = await readableEnquiry(db, actor, enquiryId);
  const details = enquiry.applicantEncrypted ? await decryptJson<ApplicantDetails>(db, enquiry.applicantEncrypted, APPLICANT_COLUMN) : {};
  const timeline = await db
    .select({ status: enquiryEvents.status, message: enquiryEvents.message, at: enquiryEvents.createdAt })
    .from(enquiryEvents)
    .where(eq(enquiryEvents.enquiryId, enquiryId))
    .orderBy(asc(enquiryEvents.id));
  const consentRecords = await db
    .select({ kind: consents.kind, method: consents.method, obtainedAt: consents.obtainedAt, noticeVersion: consents.noticeVersion })
    .from(consents)
    .where(eq(consents.enquiryId, enquiryId))
    .orderBy(desc(consents.createdAt));
  const consentForm = await consentFormSummary(db, enquiryId);
  const [requester] = await db.select({ name: users.name }).from(users).where(eq(users.id, enquiry.requestedBy));
  await recordAuditEvent(db, audit, { action: "enquiry.read", resourceType: "enquiry", resourceId: enquiryId });
  return {
    id: enquiry.id,
    status: enquiry.status,
    subject: {
      type: enquiry.subjectType,
      identifierKind: enquiry.identifierKind,
      identifier: maskedIdentifier(enquiry.identifierKind, enquiry.identifierLast4),
      name: details.companyName ?? ([details.firstName, details.surname].filter(Boolean).join(" ") || null),
    },
    reference: enquiry.reference,
    monthlyRent: details.monthlyRent ?? null,
    grossMonthlyIncome: details.grossMonthlyIncome ?? null,
    failure: enquiry.failureCode ? { code: enquiry.failureCode, message: enquiry.failureMessage } : null,
    requestedBy: requester?.name ?? null,
    channel: enquiry.channel,
    consentDeadline: enquiry.consentDeadline,
    consents: consentRecords,
    /** The signed consent form attached to an attested consent, if any (GET …/consent-form downloads it). */
    consentForm: consentForm ? { filename: consentForm.filename, mimeType: consentForm.mimeType, bytes: consentForm.bytes } : null,
    timeline,
    createdAt: enquiry.createdAt,
    completedAt: enquiry.completedAt,
  };
}

import { and, desc, eq, gte, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { consentRequests, consents, enquiries, enquiryEvents, organisations, subjects, type EnquiryStatus } from "@/db/schema";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { loadUser } from "@/lib/accounts/load-user";
import { generateSecretToken, hashSecretToken } from "@/lib/auth/secret-tokens";
import { CONSENT_NOTICE_VERSION, CONSENT_PURPOSE } from "@/lib/consent/notice";
import { blindIndex } from "@/lib/crypto/blind-index";
import { encryptJson, encryptField } from "@/lib/crypto/field-encryption";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { dispatchOutbox } from "@/lib/outbox/dispatch-outbox";
import { enqueueEvent } from "@/lib/outbox/enqueue-event";
import { assertRateLimit } from "@/lib/rate-limit/assert-rate-limit";
import { registerSubject } from "@/lib/subjects/register-subject";
import { APPLICANT_COLUMN, lastFour, type ApplicantDetails } from "./applicant-details";
import { validateConsent, validateSubject, type EnquiryBody } from "./enquiry-input";
import { countEnquiriesThisMonth } from "./monthly-usage";
import { getGraphClient } from "@/lib/whatsapp/graph-client";
import { findContact } from "@/lib/whatsapp/contacts";
import { sendConsentRequestOnWhatsApp } from "@/lib/whatsapp/request-applicant-consent";
import { publishStatus } from "./publish-status";
import { maskedIdentifier } from "./read-enquiry";
import { STATUS_MESSAGES } from "./record-status";
import { failEnquiry } from "./fail-enquiry";
import { FAILURE_REASONS } from "./failure-reasons";

const CONSENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface CreatedEnquiry {
  id: string;
  status: EnquiryStatus;
}

/**
 * Validates and records an enquiry with its subject, consent (or consent request), timeline entry,
 * outbox event and audit event in one transaction, then hands the event to Inngest. If that hand-off
 * fails the outbox cron sends it later, so a submitted enquiry is never lost.
 */
export async function createEnquiry(
  db: Database,
  actor: Actor,
  audit: AuditContext,
  body: EnquiryBody,
  channel: "web" | "api" | "whatsapp" = "web",
  options: { consentEvidence?: string } = {},
): Promise<CreatedEnquiry> {
  if (!can(actor, "enquiry:create")) throw new ForbiddenError();
  const user = await loadUser(db, actor.userId);
  if (!user.emailVerifiedAt) throw new ForbiddenError("Confirm your email address before your first enquiry.", "EMAIL_NOT_VERIFIED");

  const subject = validateSubject(body.subject);
  const consent = validateConsent(body.consent);
  if (consent.kind === "request" && consent.channel === "whatsapp" && !getGraphClient()) {
    throw new ValidationError("consent.requestFromApplicant.phone", "WhatsApp is not available right now; give the applicant's email address instead.");
  }
  await assertRateLimit("enquiry:create", actor.userId);
  await assertRateLimit("enquiry:create-org", actor.organisationId);

  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, actor.organisationId));
  if (!organisation) throw new ForbiddenError();
  if (organisation.monthlyEnquiryCap !== null && (await countEnquiriesThisMonth(db, actor.organisationId)) >= organisation.monthlyEnquiryCap) {
    throw new ConflictError(`Your organisation's monthly limit of ${organisation.monthlyEnquiryCap} enquiries is reached. Your Property Manager can raise it.`, {
      code: "MONTHLY_CAP_REACHED",
    });
  }
  if (!body.ignoreRecentReport) await assertNoReusableReport(db, actor, subject.identifierKind, subject.identifier, organisation.reportReuseDays);
  if (consent.kind === "request" && consent.channel === "whatsapp") await assertNumberAcceptsMessages(db, consent.destination);

  const consentToken = consent.kind === "request" ? generateSecretToken() : undefined;
  const status: EnquiryStatus = consent.kind === "request" ? "awaiting_consent" : "queued";
  let consentRequestId: string | undefined;
  const created = await db.transaction(async (tx) => {
    const registered = await registerSubject(tx, {
      kind: subject.type,
      identifierKind: subject.identifierKind,
      identifier: subject.identifier,
      displayName: subject.type === "company" ? subject.name : [subject.firstName, subject.surname].filter(Boolean).join(" ") || undefined,
    });
    const details: ApplicantDetails = {
      ...(subject.type === "company" ? { companyName: subject.name } : { firstName: subject.firstName, surname: subject.surname }),
      ...(subject.identifierKind === "passport" ? { passport: subject.passport } : {}),
      grossMonthlyIncome: body.grossMonthlyIncome,
      monthlyRent: body.monthlyRent,
      ...(consent.kind === "request" && consent.channel === "email" ? { consentRequestEmail: consent.destination } : {}),
    };
    const id = crypto.randomUUID();
    await tx.insert(enquiries).values({
      id,
      organisationId: actor.organisationId,
      requestedBy: actor.userId,
      subjectId: registered.id,
      subjectType: subject.type,
      identifierKind: subject.identifierKind,
      identifierLast4: lastFour(subject.identifier),
      applicantEncrypted: await encryptJson(tx, registered.dataKeyId, details, APPLICANT_COLUMN),
      reference: body.reference,
      monthlyRentCents: body.monthlyRent === undefined ? null : Math.round(body.monthlyRent * 100),
      status,
      channel,
      consentDeadline: consent.kind === "request" ? new Date(Date.now() + CONSENT_WINDOW_MS) : null,
    });
    if (consent.kind === "attested") {
      await tx.insert(consents).values({
        enquiryId: id,
        subjectId: registered.id,
        kind: "granted",
        method: consent.method,
        purpose: CONSENT_PURPOSE,
        noticeVersion: CONSENT_NOTICE_VERSION,
        obtainedAt: consent.obtainedAt,
        confirmedBy: actor.userId,
        evidence: options.consentEvidence,
      });
    } else if (consentToken) {
      const [request] = await tx
        .insert(consentRequests)
        .values({
          enquiryId: id,
          tokenHash: await hashSecretToken(consentToken),
          channel: consent.channel,
          destinationEncrypted: await encryptField(tx, registered.dataKeyId, consent.destination, "consent_requests.destination"),
          expiresAt: new Date(Date.now() + CONSENT_WINDOW_MS),
        })
        .returning({ id: consentRequests.id });
      consentRequestId = request?.id;
    }
    await tx.insert(enquiryEvents).values({ enquiryId: id, status, message: STATUS_MESSAGES[status] });
    await enqueueEvent(tx, "enquiry/submitted", { enquiryId: id, organisationId: actor.organisationId });
    await recordAuditEvent(tx, audit, {
      action: "enquiry.create",
      resourceType: "enquiry",
      resourceId: id,
      metadata: { subjectType: subject.type, identifierKind: subject.identifierKind, consent: consent.kind === "request" ? "requested" : consent.method, channel },
    });
    return { id, status };
  });

  let result: CreatedEnquiry = created;
  if (consent.kind === "request" && consentToken) {
    if (consent.channel === "email") await sendConsentRequest(consent.destination, organisation.name, consentToken);
    else if (consentRequestId) {
      const sent = await sendConsentRequestOnWhatsApp(db, {
        enquiryId: created.id,
        requestId: consentRequestId,
        phone: consent.destination,
        organisationName: organisation.name,
        link: new URL(`/consent/${consentToken}`, env.APP_URL).toString(),
        masked: maskedIdentifier(subject.identifierKind, lastFour(subject.identifier)),
      }).catch((error: unknown) => {
        logger.warn({ err: error instanceof Error ? error.message : "unknown" }, "WhatsApp consent request not sent yet");
        return "error" as const;
      });
      // Meta refused it for good (not a transient error): the applicant can never answer, so the check
      // stops now with the reason rather than waiting 7 days. A check started on WhatsApp says so itself.
      if ((sent === "failed" || sent === "opted-out") && channel !== "whatsapp") {
        await failEnquiry(db, created.id, FAILURE_REASONS.CONSENT_REQUEST_NOT_DELIVERED);
        result = { id: created.id, status: "failed" };
      }
    }
  }
  await dispatchOutbox(db).catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : "unknown" }, "outbox dispatch deferred to cron"));
  if (result.status !== "failed") await publishStatus({ id: created.id, organisationId: actor.organisationId, requestedBy: actor.userId }, status, STATUS_MESSAGES[status]);
  return result;
}

/** A number that sent STOP gets nothing from us, a consent request included: say so before anything is created. */
async function assertNumberAcceptsMessages(db: Database, phone: string) {
  const contact = await findContact(db, phone);
  if (contact?.optedOutAt) {
    throw new ValidationError(
      "consent.requestFromApplicant.phone",
      "This number asked TenantLens to stop sending it WhatsApp messages (it sent STOP). Ask the applicant by email instead, or ask them to send START to us on WhatsApp first.",
      "WHATSAPP_OPTED_OUT",
    );
  }
}

async function assertNoReusableReport(db: Database, actor: Actor, identifierKind: "sa-id" | "passport" | "cipc", identifier: string, reuseDays: number) {
  const index = await blindIndex(identifierKind, identifier);
  const since = new Date(Date.now() - reuseDays * 86_400_000);
  const [recent] = await db
    .select({ id: enquiries.id, completedAt: enquiries.completedAt })
    .from(enquiries)
    .innerJoin(subjects, eq(subjects.id, enquiries.subjectId))
    .where(
      and(
        eq(enquiries.organisationId, actor.organisationId),
        eq(subjects.identifierIndex, index),
        inArray(enquiries.status, ["ready"]),
        gte(enquiries.completedAt, since),
        // A Landlord in an agency may only reuse a report they can read: their own.
        ...(actor.role === "property_manager" ? [] : [eq(enquiries.requestedBy, actor.userId)]),
      ),
    )
    .orderBy(desc(enquiries.completedAt))
    .limit(1);
  if (recent?.completedAt) {
    throw new ConflictError(
      `A report on this applicant from ${recent.completedAt.toISOString().slice(0, 10)} is still current. Open it, or submit again with "ignoreRecentReport": true to run a new check.`,
      { code: "RECENT_REPORT_AVAILABLE", details: { enquiryId: recent.id } },
    );
  }
}

async function sendConsentRequest(email: string, organisationName: string, token: string) {
  const link = new URL(`/consent/${token}`, env.APP_URL).toString();
  await sendEmail({
    to: email,
    subject: `${organisationName} asks for your consent to a tenant screening check`,
    text: `${organisationName} would like to check your rental and credit record with TPN as part of your rental application.\n\nRead what this means and give (or refuse) consent here:\n${link}\n\nThe link expires in 7 days. If you did not apply to rent a property, ignore this email.\n— TenantLens`,
  }).catch(() => logger.warn("consent request email not sent; the requester can resend it"));
}

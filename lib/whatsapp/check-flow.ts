import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappMessages } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { createEnquiry } from "@/lib/enquiries/create-enquiry";
import { failEnquiry } from "@/lib/enquiries/fail-enquiry";
import { FAILURE_REASONS } from "@/lib/enquiries/failure-reasons";
import { enquiryBodySchema, validateSubject, type EnquiryBody } from "@/lib/enquiries/enquiry-input";
import { lastFour } from "@/lib/enquiries/applicant-details";
import { maskedIdentifier } from "@/lib/enquiries/read-enquiry";
import { env } from "@/lib/env";
import * as bot from "./bot-messages";
import { looksLikeCompany } from "./commands";
import type { WhatsAppContact } from "./contacts";
import { clearState, saveState, type CheckDraft, type CheckState } from "./conversation-state";
import type { LinkedActor } from "./linked-actor";
import { sealBody } from "./message-store";
import { maskWhatsAppNumber, normaliseWhatsAppNumber } from "./phone-number";
import { checkWhatsAppPin } from "./pin";
import type { Reply } from "./replier";
import { consentRequestAccepted } from "./request-applicant-consent";
import { shortReference } from "./replier";

type Linked = Extract<LinkedActor, { state: "linked" }>;


/** CHECK <id> [RENT x] [INCOME y]: validated exactly as the web form does, then consent is asked for. */
export async function startCheck(db: Database, contact: WhatsAppContact, reply: Reply, input: { identifier: string; rent?: number; income?: number }) {
  const company = looksLikeCompany(input.identifier);
  let subject;
  try {
    subject = validateSubject(company ? { type: "company", registrationNumber: input.identifier } : { type: "individual", idNumber: input.identifier });
  } catch (error) {
    if (error instanceof AppError) return reply(bot.text(`${error.message}\nCheck the number and send CHECK again.`));
    throw error;
  }
  for (const [field, value] of [["monthlyRent", input.rent], ["grossMonthlyIncome", input.income]] as const) {
    const parsed = enquiryBodySchema.shape[field].safeParse(value);
    if (!parsed.success) return reply(bot.text(parsed.error.issues[0]?.message ?? "That amount is not valid."));
  }
  const draft: CheckDraft = {
    identifier: subject.identifier,
    subjectType: subject.type,
    masked: maskedIdentifier(subject.identifierKind, lastFour(subject.identifier)),
    rent: input.rent,
    income: input.income,
  };
  await saveState(db, contact, { step: "consent-choice", draft });
  return reply(bot.consentChoice(draft.masked));
}

export async function chooseAttested(db: Database, contact: WhatsAppContact, reply: Reply, state: CheckState, wamid: string | null) {
  if (!wamid) return reply(bot.text("Please tap the button again."));
  await saveState(db, contact, { step: "pin", draft: { ...state.draft, consent: { kind: "attested", evidenceWamid: wamid } } });
  return reply(bot.askPin());
}

export async function chooseAskApplicant(db: Database, contact: WhatsAppContact, reply: Reply, state: CheckState) {
  await saveState(db, contact, { step: "applicant-number", draft: state.draft });
  return reply(bot.askApplicantNumber());
}

export async function receiveApplicantNumber(db: Database, contact: WhatsAppContact, reply: Reply, state: CheckState, typed: string) {
  let phone: string;
  try {
    phone = normaliseWhatsAppNumber(typed);
  } catch (error) {
    if (error instanceof AppError) return reply(bot.text(`${error.message} Send the applicant's WhatsApp number, or CANCEL.`));
    throw error;
  }
  await saveState(db, contact, { step: "pin", draft: { ...state.draft, consent: { kind: "request", phone } } });
  return reply(bot.askPin());
}

/** The PIN authorises the check; the message holding it is overwritten in our store straight away. */
export async function receivePin(db: Database, contact: WhatsAppContact, reply: Reply, linked: Linked, state: CheckState, inboundId: string, typed: string) {
  await db.update(whatsappMessages).set({ bodyEncrypted: await sealBody(db, contact, { direction: "in", content: { type: "text", text: "[PIN removed]" } }) }).where(eq(whatsappMessages.id, inboundId));
  const pin = typed.replace(/\s/g, "");
  const check = await checkWhatsAppPin(db, linked.actor.userId, pin, linked.audit);
  if (!check.ok) {
    if (check.reason === "wrong") return reply(bot.wrongPin(check.remaining));
    await clearState(db, contact);
    return reply(check.reason === "locked" ? bot.pinLocked() : bot.noPin());
  }
  await clearState(db, contact);
  const { draft } = state;
  const consent = draft.consent;
  if (!consent) return reply(bot.cancelled());
  const body: EnquiryBody = {
    subject: draft.subjectType === "company" ? { type: "company", registrationNumber: draft.identifier } : { type: "individual", idNumber: draft.identifier },
    consent: consent.kind === "attested" ? { method: "signed_form", obtainedAt: new Date().toISOString(), confirmed: true } : { requestFromApplicant: { phone: consent.phone } },
    monthlyRent: draft.rent,
    grossMonthlyIncome: draft.income,
  };
  try {
    const created = await createEnquiry(db, linked.actor, linked.audit, body, "whatsapp", consent.kind === "attested" ? { consentEvidence: `whatsapp:${consent.evidenceWamid}` } : {});
    // The applicant can only answer a request that reached them: a refused one would leave the check
    // waiting 7 days for nothing while the requester believes the applicant was asked.
    // The answer goes first; stopping the check then sends the usual "did not complete" notice.
    if (consent.kind === "request" && !(await consentRequestAccepted(db, created.id))) {
      const sent = await reply(
        bot.text(
          `WhatsApp could not deliver the consent request to ${maskWhatsAppNumber(consent.phone)}, so check ${shortReference(created.id)} was stopped and nothing was sent to TPN. Check the number and send CHECK again, or ask the applicant by email in the portal.`,
        ),
      );
      await failEnquiry(db, created.id, FAILURE_REASONS.CONSENT_REQUEST_NOT_DELIVERED);
      return sent;
    }
    return reply(bot.started(shortReference(created.id), created.status === "awaiting_consent"));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "RECENT_REPORT_AVAILABLE" && error.details?.enquiryId) {
      return reply(bot.text(`A current report on this applicant exists already: ${new URL(`/enquiries/${error.details.enquiryId}`, env.APP_URL).toString()} . To buy a new check anyway, use the portal.`));
    }
    return reply(bot.text(error.message));
  }
}

import type { Database } from "@/db/client";
import { NotFoundError } from "@/lib/api/errors";
import { openConsentRequestById, recordApplicantDecline, recordApplicantGrant } from "@/lib/consent/applicant-consent";
import { decryptField } from "@/lib/crypto/field-encryption";
import { text } from "./bot-messages";
import type { WhatsAppContact } from "./contacts";
import { contactNumber } from "./contacts";
import { whatsappAudit } from "./linked-actor";
import type { Reply } from "./replier";

/**
 * The applicant tapped "I consent" / "I do not consent". It counts only from the number the request
 * was sent to, while the request is open; the reply's wamid is kept as evidence.
 */
export async function handleConsentReply(db: Database, contact: WhatsAppContact, reply: Reply, input: { requestId: string; decision: "yes" | "no"; wamid: string | null }) {
  let opened;
  try {
    opened = await openConsentRequestById(db, input.requestId);
  } catch (error) {
    if (error instanceof NotFoundError) return reply(text("This consent request is no longer open: it was answered, withdrawn or it expired. Nothing more is needed from you."));
    throw error;
  }
  const destination = await decryptField(db, opened.request.destinationEncrypted, "consent_requests.destination");
  if (opened.request.channel !== "whatsapp" || destination !== (await contactNumber(db, contact))) {
    return reply(text("This consent request was sent to another number, so it cannot be answered from here."));
  }
  const audit = { ...whatsappAudit(null, contact.id), organisationId: opened.enquiry.organisationId };
  const evidence = input.wamid ? `whatsapp:${input.wamid}` : undefined;
  if (input.decision === "yes") {
    await recordApplicantGrant(db, audit, opened, { method: "whatsapp", context: { channel: "whatsapp", numberLast4: contact.phoneLast4 }, evidence });
    return reply(text(`Thank you. Your consent is recorded and ${opened.organisationName} will receive the result of the check. You may withdraw consent by contacting them.`));
  }
  await recordApplicantDecline(db, audit, opened, "whatsapp", evidence);
  return reply(text(`Understood. No check will be done, and ${opened.organisationName} has been told you declined.`));
}

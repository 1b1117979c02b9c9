import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappMessages } from "@/db/schema";
import { env } from "@/lib/env";
import { findOrCreateContact, insideServiceWindow } from "./contacts";
import type { OutboundMessage } from "./outbound-message";
import { sendWhatsAppMessage } from "./send-message";

const consentRequestKey = (enquiryId: string) => `${enquiryId}:consent-request`;

/** Reply ids of the applicant's answer: `consent:<consent request id>:yes|no`. */
export const consentReplyId = (requestId: string, decision: "yes" | "no") => `consent:${requestId}:${decision}`;
export function parseConsentReplyId(id: string): { requestId: string; decision: "yes" | "no" } | null {
  const match = /^consent:([0-9a-f-]{36}):(yes|no)$/.exec(id);
  return match?.[1] && (match[2] === "yes" || match[2] === "no") ? { requestId: match[1], decision: match[2] } : null;
}

/**
 * "Ask the applicant" over WhatsApp. An applicant who has not written to us in 24 hours can only get
 * the approved template (with the same two quick replies); one who has gets interactive buttons.
 * Either way the message links the full notice on the public consent page.
 */
export async function sendConsentRequestOnWhatsApp(
  db: Database,
  input: { enquiryId: string; requestId: string; phone: string; organisationName: string; link: string; masked: string },
) {
  const contact = await findOrCreateContact(db, input.phone);
  // Checked before the enquiry was created; this covers a STOP that arrived in between.
  if (contact.optedOutAt) return "opted-out" as const;
  const yes = consentReplyId(input.requestId, "yes");
  const no = consentReplyId(input.requestId, "no");
  const message: OutboundMessage = insideServiceWindow(contact)
    ? {
        type: "buttons",
        text: `${input.organisationName} asks for your consent to check your rental and credit record with TPN (ID ${input.masked}) for your rental application. What this means: ${input.link}`,
        buttons: [
          { id: yes, title: "I consent" },
          { id: no, title: "I do not consent" },
        ],
        footer: "You can also answer on the page.",
      }
    : { type: "template", name: env.WHATSAPP_TEMPLATE_CONSENT, language: env.WHATSAPP_TEMPLATE_LANGUAGE, parameters: [input.organisationName, input.masked, input.link], quickReplies: [yes, no] };
  return sendWhatsAppMessage(db, contact, message, { purpose: "consent-request", enquiryId: input.enquiryId, dedupeKey: consentRequestKey(input.enquiryId) });
}

/** Whether Meta took the enquiry's consent request (false when it refused it or it was never stored). */
export async function consentRequestAccepted(db: Database, enquiryId: string): Promise<boolean> {
  const [row] = await db.select({ status: whatsappMessages.status }).from(whatsappMessages).where(eq(whatsappMessages.dedupeKey, consentRequestKey(enquiryId)));
  return row !== undefined && row.status !== "failed" && row.status !== "sending";
}

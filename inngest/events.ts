import { eventType } from "inngest";
import { z } from "zod";

/**
 * Every event the app sends, with the schema both the sender (via the outbox) and the functions use.
 * Payloads carry ids only: Inngest stores events, and personal data never leaves our database.
 */
export const enquiryRef = z.object({ enquiryId: z.uuid(), organisationId: z.uuid() });

export const enquirySubmitted = eventType("enquiry/submitted", { schema: enquiryRef });
export const consentGranted = eventType("enquiry/consent-granted", { schema: enquiryRef });
export const consentWithdrawn = eventType("enquiry/consent-withdrawn", { schema: enquiryRef });
/** Hand-over to scoring and report rendering. */
export const bureauDataStored = eventType("enquiry/bureau-data-stored", { schema: enquiryRef });
/** The enquiry ended (ready, failed or expired): channels other than the web tell the requester. */
export const enquiryFinished = eventType("enquiry/finished", { schema: enquiryRef });

/** A stored inbound WhatsApp message (by our row id), handled in order per contact. */
export const whatsappMessageRef = z.object({ messageId: z.uuid(), contactId: z.uuid() });
export const whatsappMessageReceived = eventType("whatsapp/message.received", { schema: whatsappMessageRef });
/** A status callback for one of our outbound messages, recorded once per (wamid, status). */
export const whatsappStatusRef = z.object({ wamid: z.string().min(1).max(200), status: z.enum(["sent", "delivered", "read", "failed"]) });
export const whatsappStatusReceived = eventType("whatsapp/status.received", { schema: whatsappStatusRef });

/** An agent's public reply (or a rating request) to a conversation whose requester writes on WhatsApp. */
export const supportReplyRef = z.object({ messageId: z.uuid(), conversationId: z.uuid() });
export const supportReplyCreated = eventType("support/reply.created", { schema: supportReplyRef });

export const APP_EVENTS = [
  enquirySubmitted,
  consentGranted,
  consentWithdrawn,
  bureauDataStored,
  enquiryFinished,
  whatsappMessageReceived,
  whatsappStatusReceived,
  supportReplyCreated,
] as const;

export interface AppEventData {
  "enquiry/submitted": EnquiryRef;
  "enquiry/consent-granted": EnquiryRef;
  "enquiry/consent-withdrawn": EnquiryRef;
  "enquiry/bureau-data-stored": EnquiryRef;
  "enquiry/finished": EnquiryRef;
  "whatsapp/message.received": z.infer<typeof whatsappMessageRef>;
  "whatsapp/status.received": z.infer<typeof whatsappStatusRef>;
  "support/reply.created": z.infer<typeof supportReplyRef>;
}
export type AppEventName = (typeof APP_EVENTS)[number]["name"];
export type EnquiryRef = z.infer<typeof enquiryRef>;

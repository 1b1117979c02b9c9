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

export const APP_EVENTS = [enquirySubmitted, consentGranted, consentWithdrawn, bureauDataStored] as const;
export type AppEventName = (typeof APP_EVENTS)[number]["name"];
export type EnquiryRef = z.infer<typeof enquiryRef>;

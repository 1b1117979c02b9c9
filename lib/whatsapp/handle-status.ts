import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { enquiries, supportMessages, whatsappContacts, whatsappMessages } from "@/db/schema";
import { publishMessageUpdated } from "@/lib/support/publish";
import { failEnquiry } from "@/lib/enquiries/fail-enquiry";
import { FAILURE_REASONS } from "@/lib/enquiries/failure-reasons";
import { applyRecordedStatuses } from "./apply-status";
import { getGraphClient } from "./graph-client";
import { sendTemplate } from "./send-message";

const NOTIFYING = new Set(["report", "notification", "link-code"]);

/**
 * A status callback. When Meta reports 131047 (more than 24 hours since the person wrote), the message
 * waits as deferred until they write again, and a notification's template tells them it is there.
 */
export async function handleStatus(db: Database, wamid: string): Promise<string> {
  const applied = await applyRecordedStatuses(db, wamid);
  if (!applied) return "unchanged";
  await announceSupportDelivery(db, applied.messageId);
  if (applied.status === "failed" && applied.errorCode !== 131047 && applied.purpose === "consent-request" && applied.enquiryId) {
    // Meta accepted the request, then could not deliver it: the applicant will never answer, so the
    // check stops now with a reason instead of waiting 7 days (a no-op if it has moved on already).
    await stopIfAwaitingConsent(db, applied.enquiryId);
    return "consent-request-failed";
  }
  if (applied.status !== "failed" || applied.errorCode !== 131047) return applied.status;
  await db.update(whatsappMessages).set({ status: "deferred" }).where(eq(whatsappMessages.id, applied.messageId));
  const client = getGraphClient();
  const [contact] = await db.select().from(whatsappContacts).where(eq(whatsappContacts.id, applied.contactId));
  if (!client || !contact || !NOTIFYING.has(applied.purpose ?? "")) return "deferred";
  await sendTemplate(db, client, contact, "a message from TenantLens is waiting for you");
  return "deferred-with-template";
}

async function stopIfAwaitingConsent(db: Database, enquiryId: string) {
  const [enquiry] = await db.select({ status: enquiries.status }).from(enquiries).where(eq(enquiries.id, enquiryId));
  if (enquiry?.status === "awaiting_consent") await failEnquiry(db, enquiryId, FAILURE_REASONS.CONSENT_REQUEST_NOT_DELIVERED);
}

/** A support reply that travelled by WhatsApp: the inbox shows its ticks move live. */
async function announceSupportDelivery(db: Database, whatsappMessageId: string) {
  const [message] = await db
    .select({ id: supportMessages.id, conversationId: supportMessages.conversationId })
    .from(supportMessages)
    .where(eq(supportMessages.whatsappMessageId, whatsappMessageId));
  if (message) await publishMessageUpdated(message.conversationId, message.id);
}

import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappMessages } from "@/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { applyRecordedStatuses } from "./apply-status";
import { contactNumber, insideServiceWindow, type WhatsAppContact } from "./contacts";
import { getGraphClient, type GraphClient } from "./graph-client";
import { GraphApiError } from "./graph-errors";
import { sealBody } from "./message-store";
import type { OutboundMessage } from "./outbound-message";

export type SendOutcome = "accepted" | "deferred" | "duplicate" | "opted-out" | "failed" | "not-configured";

export interface SendOptions {
  purpose: "reply" | "link-code" | "consent-request" | "report" | "notification" | "support";
  enquiryId?: string;
  /** One send per key: a retried step finds the earlier row and does not send again. */
  dedupeKey?: string;
  /**
   * A notification (not a reply): honours STOP, and outside the 24-hour window is held back while
   * the approved template with this one-line summary tells the person something is waiting.
   */
  notification?: { templateSummary: string };
  /**
   * A reply the person is waiting for (a support agent's answer): outside the window it is held back
   * behind the template like a notification, but STOP does not silence it.
   */
  awaitedReply?: { templateSummary: string };
  client?: GraphClient | null;
}

/**
 * Sends one message and keeps a sealed copy with Meta's wamid. Transient Graph failures (already
 * retried by the client) are thrown so the calling Inngest step retries; definitive ones are stored
 * as failed with Meta's code and reported as "failed".
 */
export async function sendWhatsAppMessage(db: Database, contact: WhatsAppContact, message: OutboundMessage, options: SendOptions): Promise<SendOutcome> {
  const client = options.client === undefined ? getGraphClient() : options.client;
  if (!client) return "not-configured";
  if (options.notification && contact.optedOutAt) return "opted-out";

  if (options.dedupeKey) {
    const [earlier] = await db.select({ status: whatsappMessages.status }).from(whatsappMessages).where(eq(whatsappMessages.dedupeKey, options.dedupeKey));
    if (earlier && earlier.status !== "sending") return "duplicate";
  }

  const outsideWindow = message.type !== "template" && !insideServiceWindow(contact);
  const fallback = options.notification ?? options.awaitedReply;
  const deferred = Boolean(fallback) && outsideWindow;
  const values = {
    contactId: contact.id,
    direction: "out" as const,
    kind: message.type,
    purpose: options.purpose,
    enquiryId: options.enquiryId,
    dedupeKey: options.dedupeKey,
    bodyEncrypted: await sealBody(db, contact, { direction: "out", message }),
    status: deferred ? ("deferred" as const) : ("sending" as const),
  };
  const [row] = await db
    .insert(whatsappMessages)
    .values(values)
    .onConflictDoUpdate({ target: whatsappMessages.dedupeKey, set: { status: values.status } })
    .returning({ id: whatsappMessages.id });
  if (!row) throw new Error("outbound WhatsApp message not stored");

  if (deferred && fallback) {
    await sendTemplate(db, client, contact, fallback.templateSummary, options.enquiryId);
    return "deferred";
  }
  return deliver(db, client, contact, row.id, message);
}

/** Sends a stored outbound row; used for fresh messages and for deferred ones once the window reopens. */
export async function deliver(db: Database, client: GraphClient, contact: WhatsAppContact, messageId: string, message: OutboundMessage): Promise<SendOutcome> {
  try {
    const { wamid } = await client.sendMessage(await contactNumber(db, contact), message);
    await db.update(whatsappMessages).set({ wamid, status: "accepted", statusAt: new Date() }).where(eq(whatsappMessages.id, messageId));
    // A status callback can overtake this update; any already recorded for the wamid applies now.
    await applyRecordedStatuses(db, wamid);
    return "accepted";
  } catch (error) {
    if (!(error instanceof GraphApiError)) throw error;
    if (error.outcome === "outside-window") {
      await db.update(whatsappMessages).set({ status: "deferred", errorCode: error.code, errorTitle: error.title.slice(0, 200) }).where(eq(whatsappMessages.id, messageId));
      return "deferred";
    }
    await db.update(whatsappMessages).set({ status: "failed", statusAt: new Date(), errorCode: error.code, errorTitle: error.title.slice(0, 200) }).where(eq(whatsappMessages.id, messageId));
    if (error.retryable) throw error;
    logger.warn({ code: error.code, outcome: error.outcome }, "WhatsApp message refused by Meta");
    return "failed";
  }
}

/**
 * The approved "you have an update" template: the only message Meta delivers outside the window. Its
 * one job is to bring the person back, so it goes once per check (once for messages of no check) until
 * they write again: a summary and its PDF held back together, or several messages Meta refused, give
 * one template, not one each. The key makes that hold for concurrent status runs too.
 */
export async function sendTemplate(db: Database, client: GraphClient, contact: WhatsAppContact, summary: string, enquiryId?: string): Promise<SendOutcome> {
  const template: OutboundMessage = { type: "template", name: env.WHATSAPP_TEMPLATE_UPDATE, language: env.WHATSAPP_TEMPLATE_LANGUAGE, parameters: [summary] };
  const dedupeKey = `template:${contact.id}:${contact.lastInboundAt?.getTime() ?? "never"}:${enquiryId ?? "any"}`;
  const [row] = await db
    .insert(whatsappMessages)
    .values({ contactId: contact.id, direction: "out", kind: "template", purpose: "notification", enquiryId, dedupeKey, bodyEncrypted: await sealBody(db, contact, { direction: "out", message: template }), status: "sending" })
    .onConflictDoNothing({ target: whatsappMessages.dedupeKey })
    .returning({ id: whatsappMessages.id });
  if (!row) return "duplicate";
  return deliver(db, client, contact, row.id, template);
}

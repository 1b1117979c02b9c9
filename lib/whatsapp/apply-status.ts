import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappMessages, whatsappStatusEvents, type WhatsAppMessageStatus } from "@/db/schema";

/** Statuses only move forward: a "delivered" arriving after "read" (Meta does not promise order) changes nothing. */
const RANK: Partial<Record<WhatsAppMessageStatus, number>> = { sending: 0, accepted: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

export interface AppliedStatus {
  messageId: string;
  contactId: string;
  status: WhatsAppMessageStatus;
  errorCode: number | null;
  purpose: string | null;
  enquiryId: string | null;
}

/**
 * Applies every recorded status callback for a wamid to its outbound message, keeping the most advanced.
 * Returns what changed (nothing when the message is not stored yet: the send applies them when it is).
 */
export async function applyRecordedStatuses(db: Database, wamid: string): Promise<AppliedStatus | null> {
  const [message] = await db.select().from(whatsappMessages).where(and(eq(whatsappMessages.wamid, wamid), eq(whatsappMessages.direction, "out")));
  if (!message) return null;
  const events = await db.select().from(whatsappStatusEvents).where(eq(whatsappStatusEvents.wamid, wamid));
  const rank = (status: WhatsAppMessageStatus | undefined) => (status === undefined ? -1 : (RANK[status] ?? -1));
  let best: (typeof events)[number] | undefined;
  for (const event of events) if (rank(event.status) > rank(best?.status)) best = event;
  if (!best || rank(best.status) <= rank(message.status)) return null;
  const status = best.status;
  await db
    .update(whatsappMessages)
    .set({ status, statusAt: best.occurredAt, ...(status === "failed" ? { errorCode: best.errorCode } : {}) })
    .where(eq(whatsappMessages.id, message.id));
  return { messageId: message.id, contactId: message.contactId, status, errorCode: status === "failed" ? best.errorCode : null, purpose: message.purpose, enquiryId: message.enquiryId };
}

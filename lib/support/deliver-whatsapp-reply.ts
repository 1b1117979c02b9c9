import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { supportConversations, supportMessages, users, whatsappContacts, whatsappLinks, whatsappMessages } from "@/db/schema";
import { linkedActor } from "@/lib/whatsapp/linked-actor";
import type { OutboundMessage } from "@/lib/whatsapp/outbound-message";
import { sendWhatsAppMessage, type SendOutcome } from "@/lib/whatsapp/send-message";
import { openMessage } from "./message-text";
import { RATING_REQUEST } from "./update-conversation";

export const RATING_REPLY = /^support-rate:([0-9a-f-]{36}):([1-5])$/;
export const ratingReplyId = (conversationId: string, rating: number) => `support-rate:${conversationId}:${rating}`;
export const WAITING_SUMMARY = "A support agent has answered your question. Reply to this message to read it.";

/**
 * An agent's public reply (or the rating request) reaches a requester who writes on WhatsApp, on
 * their linked number only. Outside the 24-hour window Meta only takes a template: it tells them an
 * answer is waiting, and the answer follows as soon as they write. Sent once per message.
 */
export async function deliverSupportReply(db: Database, messageId: string): Promise<SendOutcome | "not-linked" | "not-whatsapp"> {
  const [row] = await db
    .select({ message: supportMessages, conversation: supportConversations, authorName: users.name })
    .from(supportMessages)
    .innerJoin(supportConversations, eq(supportConversations.id, supportMessages.conversationId))
    .leftJoin(users, eq(users.id, supportMessages.authorUserId))
    .where(and(eq(supportMessages.id, messageId), eq(supportMessages.visibility, "public")));
  if (!row) return "not-whatsapp";
  if (row.conversation.channel !== "whatsapp") return "not-whatsapp";
  const [link] = await db
    .select({ contact: whatsappContacts })
    .from(whatsappLinks)
    .innerJoin(whatsappContacts, eq(whatsappContacts.id, whatsappLinks.contactId))
    .where(and(eq(whatsappLinks.userId, row.conversation.requesterId), isNull(whatsappLinks.revokedAt)));
  if (!link) return "not-linked";
  // The same rule as for everything the number asks: an enabled user, a link inside its re-link period.
  const identity = await linkedActor(db, link.contact);
  if (identity.state !== "linked" || identity.actor.userId !== row.conversation.requesterId) return "not-linked";

  const body = await openMessage(db, row.message.bodyEncrypted);
  const message: OutboundMessage =
    row.message.author === "system" && body === RATING_REQUEST
      ? {
          type: "list",
          text: "Your support conversation is resolved. How did we do?",
          button: "Rate us",
          rows: [5, 4, 3, 2, 1].map((rating) => ({ id: ratingReplyId(row.conversation.id, rating), title: `${"★".repeat(rating)} ${rating}`, description: rating === 5 ? "Excellent" : rating === 1 ? "Poor" : "" })),
        }
      : { type: "text", text: `TenantLens support${row.authorName ? ` (${row.authorName.split(" ")[0] ?? row.authorName})` : ""}: ${body}${row.message.attachmentId ? "\n(A file is waiting for you in the portal chat.)" : ""}` };
  const dedupeKey = `support:${messageId}`;
  const outcome = await sendWhatsAppMessage(db, link.contact, message, { purpose: "support", dedupeKey, awaitedReply: { templateSummary: WAITING_SUMMARY } });
  const [sent] = await db.select({ id: whatsappMessages.id }).from(whatsappMessages).where(eq(whatsappMessages.dedupeKey, dedupeKey));
  if (sent) await db.update(supportMessages).set({ whatsappMessageId: sent.id }).where(eq(supportMessages.id, messageId));
  return outcome;
}

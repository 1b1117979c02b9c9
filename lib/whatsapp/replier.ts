import type { Database } from "@/db/client";
import type { WhatsAppContact } from "./contacts";
import type { OutboundMessage } from "./outbound-message";
import { sendWhatsAppMessage, type SendOutcome } from "./send-message";

export type Reply = (message: OutboundMessage) => Promise<SendOutcome>;

/**
 * Replies to one inbound message, each with a key derived from it: when the handler is retried, the
 * replies it already sent are not sent again.
 */
export function replierFor(db: Database, contact: WhatsAppContact, inboundMessageId: string): Reply {
  let index = 0;
  return (message) => sendWhatsAppMessage(db, contact, message, { purpose: "reply", dedupeKey: `${inboundMessageId}:reply:${index++}` });
}

export const shortReference = (enquiryId: string) => `TL-${enquiryId.slice(0, 8).toUpperCase()}`;

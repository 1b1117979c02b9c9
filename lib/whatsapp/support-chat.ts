import type { Database } from "@/db/client";
import { AppError } from "@/lib/api/errors";
import { RATING_REPLY } from "@/lib/support/deliver-whatsapp-reply";
import { rateConversation } from "@/lib/support/rate-conversation";
import { startConversation } from "@/lib/support/start-conversation";
import { text } from "./bot-messages";
import type { WhatsAppContact } from "./contacts";
import { clearState, saveState } from "./conversation-state";
import type { LinkedActor } from "./linked-actor";
import type { Reply } from "./replier";

type Linked = Extract<LinkedActor, { state: "linked" }>;

/** "Support" from the menu, or SUPPORT alone: the next messages go to the support team until MENU. */
export async function openSupportChat(db: Database, contact: WhatsAppContact, reply: Reply) {
  await saveState(db, contact, { step: "support" });
  await reply(text("You are talking to the TenantLens support team. Type your question and send it; an agent answers here. Type MENU to leave."));
}

/**
 * SUPPORT <message>, or any text while in support: it opens or continues the user's one support
 * conversation, the same thread the portal's chat widget shows, and the inbox sees it live.
 */
export async function forwardToSupport(db: Database, contact: WhatsAppContact, reply: Reply, identity: Linked, message: string, inboundMessageId: string) {
  const started = await startConversation(db, identity.actor, identity.audit, { message, channel: "whatsapp", whatsappMessageId: inboundMessageId });
  await saveState(db, contact, { step: "support" });
  if (started.created) await reply(text("Thanks, your message is with our support team. An agent will answer here. Type MENU to leave support."));
}

/** A tap on the rating list sent when a conversation was resolved. */
export function ratingReplyTarget(replyId: string): { conversationId: string; rating: number } | null {
  const match = RATING_REPLY.exec(replyId);
  return match?.[1] && match[2] ? { conversationId: match[1], rating: Number(match[2]) } : null;
}

export async function rateFromWhatsApp(db: Database, contact: WhatsAppContact, reply: Reply, identity: Linked, target: { conversationId: string; rating: number }) {
  try {
    await rateConversation(db, identity.actor, identity.audit, target.conversationId, target.rating);
    await clearState(db, contact);
    await reply(text(`Thank you for rating us ${target.rating} out of 5.`));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await reply(text(error.message));
  }
}

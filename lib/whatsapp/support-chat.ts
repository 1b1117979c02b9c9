import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { supportMessages } from "@/db/schema";
import { AppError, ValidationError } from "@/lib/api/errors";
import { logger } from "@/lib/logger";
import { ATTACHMENT_MAX_BYTES } from "@/lib/support/attachment-type";
import { checkAttachment, fileMessageText, type CheckedAttachment } from "@/lib/support/attachments";
import { RATING_REPLY } from "@/lib/support/deliver-whatsapp-reply";
import { MESSAGE_MAX_CHARACTERS } from "@/lib/support/message-text";
import { rateConversation } from "@/lib/support/rate-conversation";
import { startConversation } from "@/lib/support/start-conversation";
import { fileNotAccepted, fileNotReceived, fileTooLarge, text } from "./bot-messages";
import type { WhatsAppContact } from "./contacts";
import { clearState, saveState } from "./conversation-state";
import { getGraphClient, type MediaDownload } from "./graph-client";
import { GraphApiError } from "./graph-errors";
import type { LinkedActor } from "./linked-actor";
import type { Reply } from "./replier";
import type { InboundContent } from "./webhook-payload";

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
  if (started.created) await reply(acknowledged());
}

const acknowledged = () => text("Thanks, your message is with our support team. An agent will answer here. Type MENU to leave support.");

type InboundFile = Extract<InboundContent, { type: "media" }>;

/** The name a file gets when WhatsApp sends none (photos never have one); the extension follows its bytes. */
const DEFAULT_NAMES: Record<InboundFile["kind"], string> = { image: "whatsapp-photo", document: "whatsapp-document", audio: "whatsapp-audio", video: "whatsapp-video", sticker: "whatsapp-sticker" };

/**
 * A photo or document sent while talking to support: fetched from Meta, checked by the rules of the
 * portal's uploads (PNG, JPEG, WEBP or PDF by its first bytes, at most 5 MB) and stored sealed as an
 * attachment of the user's conversation, with the caption as its text. The agent's inbox shows it as
 * any attachment, live. Anything else gets an answer saying what support takes, and nothing is stored.
 *
 * Runs inside the Inngest step: a Graph API hiccup is thrown so the step retries; on the step's last
 * attempt (or when retrying cannot help) the person is asked to send the file again.
 */
export async function forwardFileToSupport(
  db: Database,
  contact: WhatsAppContact,
  reply: Reply,
  identity: Linked,
  file: InboundFile,
  inboundMessageId: string,
  options: { finalAttempt: boolean },
): Promise<string> {
  // A run retried after the file was stored (the answer failed) must not store it twice.
  const [stored] = await db.select({ id: supportMessages.id }).from(supportMessages).where(eq(supportMessages.whatsappMessageId, inboundMessageId)).limit(1);
  if (stored) return "support-file";
  if (file.kind !== "image" && file.kind !== "document") {
    await reply(fileNotAccepted());
    return "support-file-refused";
  }
  const client = getGraphClient();
  if (!client) return "not-configured";

  let download: MediaDownload;
  try {
    download = await client.downloadMedia(file.mediaId, { maxBytes: ATTACHMENT_MAX_BYTES });
  } catch (error) {
    if (!(error instanceof GraphApiError)) throw error;
    if (error.retryable && !options.finalAttempt) throw error;
    logger.warn({ outcome: error.outcome, httpStatus: error.httpStatus, code: error.code, kind: file.kind }, "WhatsApp file for support could not be downloaded");
    await reply(fileNotReceived());
    return "support-file-failed";
  }
  if (download.status === "too-large") {
    await reply(fileTooLarge());
    return "support-file-too-large";
  }

  let checked: CheckedAttachment;
  try {
    checked = checkAttachment(download.bytes, file.filename ?? DEFAULT_NAMES[file.kind]);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    await reply(error.code === "FILE_TOO_LARGE" ? fileTooLarge() : fileNotAccepted());
    return "support-file-refused";
  }
  const caption = file.caption?.trim().slice(0, MESSAGE_MAX_CHARACTERS).trim();
  const started = await startConversation(db, identity.actor, identity.audit, {
    message: caption || fileMessageText(checked),
    channel: "whatsapp",
    whatsappMessageId: inboundMessageId,
    attachment: checked,
  });
  await saveState(db, contact, { step: "support" });
  if (started.created) await reply(acknowledged());
  return "support-file";
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

import { eq, isNull, and } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappContacts, whatsappMessages } from "@/db/schema";
import { getGraphClient } from "./graph-client";
import { applicantReplyTarget } from "./inbound-routing";
import { handleConsentReply } from "./applicant-reply";
import * as bot from "./bot-messages";
import { chooseAskApplicant, chooseAttested, receiveApplicantNumber, receivePin, startCheck } from "./check-flow";
import { parseCommand, type Command } from "./commands";
import type { WhatsAppContact } from "./contacts";
import { clearState, readState } from "./conversation-state";
import { linkedActor, whatsappAudit, type LinkedActor } from "./linked-actor";
import { LINK_CODE_TTL_MS, linkFromPhone } from "./link-number";
import { deferredMessages, openBody } from "./message-store";
import { recentChecks } from "./recent-checks";
import { replierFor, type Reply } from "./replier";
import { forwardFileToSupport, forwardToSupport, openSupportChat, rateFromWhatsApp, ratingReplyTarget } from "./support-chat";
import { deliver } from "./send-message";
import type { InboundContent } from "./webhook-payload";

export interface HandleOptions {
  /**
   * False while the Inngest step will be retried if this run throws: a file that could not be fetched
   * from Meta is then left to the retry. Default true: no retry follows, so the person is told at once.
   */
  finalAttempt?: boolean;
}

/**
 * One inbound message, in order per contact (the Inngest function's concurrency key): deferred
 * notifications go out first (the person just opened the 24-hour window), then the message is
 * answered. Marked processed at the end, so a retry after a crash handles it again (replies are
 * deduplicated).
 */
export async function handleInboundMessage(db: Database, messageId: string, options: HandleOptions = {}): Promise<string> {
  const [row] = await db
    .select({ message: whatsappMessages, contact: whatsappContacts })
    .from(whatsappMessages)
    .innerJoin(whatsappContacts, eq(whatsappContacts.id, whatsappMessages.contactId))
    .where(and(eq(whatsappMessages.id, messageId), eq(whatsappMessages.direction, "in"), isNull(whatsappMessages.processedAt)));
  if (!row) return "already-handled";
  const { message, contact } = row;
  const body = await openBody(db, message.bodyEncrypted);
  if (body.direction !== "in") return "not-inbound";

  await flushDeferred(db, contact);
  const outcome = await route(db, contact, replierFor(db, contact, message.id), body.content, message, { finalAttempt: options.finalAttempt ?? true });
  await db.update(whatsappMessages).set({ processedAt: new Date() }).where(eq(whatsappMessages.id, message.id));
  return outcome;
}

async function flushDeferred(db: Database, contact: WhatsAppContact) {
  const client = getGraphClient();
  if (!client) return;
  for (const pending of await deferredMessages(db, contact.id)) {
    // A link code is worthless once expired: it is dropped, not delivered late.
    if (pending.purpose === "link-code" && Date.now() - pending.createdAt.getTime() > LINK_CODE_TTL_MS) {
      await db.update(whatsappMessages).set({ status: "failed", statusAt: new Date(), errorTitle: "link code expired before the person wrote" }).where(eq(whatsappMessages.id, pending.id));
      continue;
    }
    const body = await openBody(db, pending.bodyEncrypted);
    if (body.direction === "out") await deliver(db, client, { ...contact, lastInboundAt: new Date() }, pending.id, body.message);
  }
}

async function route(db: Database, contact: WhatsAppContact, reply: Reply, content: InboundContent, message: { id: string; wamid: string | null }, options: { finalAttempt: boolean }): Promise<string> {
  if (content.type === "unsupported") {
    // A reaction (a thumbs-up on a report) asks for nothing; answering it would only be noise.
    if (content.original === "reaction") return "reaction";
    await reply(bot.unsupported());
    return "unsupported";
  }
  if (content.type === "media") return routeFile(db, contact, reply, content, message, options);
  // The applicant's consent answer needs no account: the request itself names the number.
  const consentReply = applicantReplyTarget(content);
  if (consentReply) {
    await handleConsentReply(db, contact, reply, { ...consentReply, wamid: message.wamid });
    return "consent-reply";
  }
  const command: Command = content.type === "text" ? parseCommand(content.text) : { kind: "text", text: "" };
  if (command.kind === "stop" || command.kind === "start") {
    await db.update(whatsappContacts).set({ optedOutAt: command.kind === "stop" ? new Date() : null }).where(eq(whatsappContacts.id, contact.id));
    await reply(command.kind === "stop" ? bot.optedOut() : bot.optedIn());
    return command.kind;
  }
  if (command.kind === "link") {
    const linked = await linkFromPhone(db, contact, command.code, whatsappAudit(null, contact.id));
    await reply(
      linked === "linked"
        ? bot.text("This number is now linked to your TenantLens account. Set a WhatsApp PIN in the portal (Settings → WhatsApp) to run checks from here. Type MENU to start.")
        : linked === "too-many-tries"
          ? bot.text("Too many link attempts from this number. Wait an hour and ask the portal for a new code.")
          : bot.text("That link code is not valid or has expired. Open Settings → WhatsApp in the portal for a new one."),
    );
    return `link:${linked}`;
  }

  const identity = await requireLinkedActor(db, contact, reply);
  if (typeof identity === "string") return identity;

  const state = await readState(db, contact);
  if (content.type === "reply") {
    const rating = ratingReplyTarget(content.id);
    if (rating) {
      await rateFromWhatsApp(db, contact, reply, identity, rating);
      return "support-rating";
    }
    switch (content.id) {
      case bot.REPLY_IDS.newCheck:
        await reply(bot.checkUsage());
        return "check-usage";
      case bot.REPLY_IDS.recent:
        await reply(await recentChecks(db, identity.actor));
        return "recent";
      case bot.REPLY_IDS.support:
        await openSupportChat(db, contact, reply);
        return "support";
      case bot.REPLY_IDS.help:
        await reply(bot.help());
        return "help";
      case bot.REPLY_IDS.cancel:
        await clearState(db, contact);
        await reply(bot.cancelled());
        return "cancelled";
      case bot.REPLY_IDS.consentAttested:
      case bot.REPLY_IDS.consentAsk:
        if (state?.step !== "consent-choice") {
          await reply(bot.text("That check is no longer open. Send CHECK and the number again."));
          return "stale-button";
        }
        if (content.id === bot.REPLY_IDS.consentAttested) await chooseAttested(db, contact, reply, state, message.wamid);
        else await chooseAskApplicant(db, contact, reply, state);
        return "consent-chosen";
      default:
        await reply(bot.menu(identity.name));
        return "menu";
    }
  }

  switch (command.kind) {
    case "check":
      await startCheck(db, contact, reply, command);
      return "check";
    case "check-without-number":
      await reply(bot.checkUsage());
      return "check-usage";
    case "invalid-amount":
      await reply(bot.text(`${command.field === "rent" ? "RENT" : "INCOME"} must be an amount in rand, e.g. ${command.field === "rent" ? "RENT 12500" : "INCOME 40000"}.`));
      return "invalid-amount";
    case "status":
      await reply(await recentChecks(db, identity.actor));
      return "recent";
    case "help":
      await reply(bot.help());
      return "help";
    case "cancel":
      await clearState(db, contact);
      await reply(bot.cancelled());
      return "cancelled";
    case "support":
      if (command.message) await forwardToSupport(db, contact, reply, identity, command.message, message.id);
      else await openSupportChat(db, contact, reply);
      return "support";
    case "menu":
      await clearState(db, contact);
      await reply(bot.menu(identity.name));
      return "menu";
    case "text":
      if (state?.step === "support") {
        await forwardToSupport(db, contact, reply, identity, command.text, message.id);
        return "support";
      }
      if (state?.step === "applicant-number") {
        await receiveApplicantNumber(db, contact, reply, state, command.text);
        return "applicant-number";
      }
      if (state?.step === "pin") {
        await receivePin(db, contact, reply, identity, state, message.id, command.text);
        return "pin";
      }
      await reply(bot.menu(identity.name));
      return "menu";
  }
}

/**
 * A photo, document, voice note, video or sticker goes to support where a text would: while the chat
 * is in support, or with a caption that is SUPPORT <message>. Anywhere else the bot reads text and
 * buttons only, as before.
 */
async function routeFile(db: Database, contact: WhatsAppContact, reply: Reply, file: Extract<InboundContent, { type: "media" }>, message: { id: string }, options: { finalAttempt: boolean }): Promise<string> {
  const command = file.caption === undefined ? undefined : parseCommand(file.caption);
  const state = await readState(db, contact);
  if (state?.step !== "support" && command?.kind !== "support") {
    await reply(bot.unsupported());
    return "unsupported";
  }
  const identity = await requireLinkedActor(db, contact, reply);
  if (typeof identity === "string") return identity;
  // SUPPORT <message> as a caption sends the message with the file, as it does as a text.
  const caption = command?.kind === "support" ? command.message : file.caption;
  return forwardFileToSupport(db, contact, reply, identity, { ...file, caption }, message.id, options);
}

/** The linked account behind this number, or the outcome after telling an unlinked or stale number what to do. */
async function requireLinkedActor(db: Database, contact: WhatsAppContact, reply: Reply): Promise<Extract<LinkedActor, { state: "linked" }> | "welcome" | "relink-required"> {
  const identity = await linkedActor(db, contact);
  if (identity.state === "unlinked") {
    await reply(bot.welcome());
    return "welcome";
  }
  if (identity.state === "relink-required") {
    await reply(bot.relinkRequired(identity.days));
    return "relink-required";
  }
  return identity;
}

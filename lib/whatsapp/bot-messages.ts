import { env } from "@/lib/env";
import type { OutboundMessage } from "./outbound-message";

/** Button and list ids the bot understands when they come back as replies. */
export const REPLY_IDS = {
  newCheck: "menu:new-check",
  recent: "menu:recent",
  support: "menu:support",
  help: "menu:help",
  consentAttested: "check:consent-attested",
  consentAsk: "check:consent-ask",
  cancel: "check:cancel",
} as const;

const portal = (path = "/") => new URL(path, env.APP_URL).toString();
const businessNumber = () => (env.WHATSAPP_DISPLAY_NUMBER ? `+${env.WHATSAPP_DISPLAY_NUMBER}` : "this number");

export const text = (body: string): OutboundMessage => ({ type: "text", text: body });

export function menu(name?: string): OutboundMessage {
  return {
    type: "list",
    text: `${name ? `Hi ${name}. ` : ""}What would you like to do?`,
    button: "Menu",
    rows: [
      { id: REPLY_IDS.newCheck, title: "New check", description: "Screen an applicant by SA ID or company number" },
      { id: REPLY_IDS.recent, title: "My recent checks", description: "Status of your last five checks" },
      { id: REPLY_IDS.support, title: "Support", description: "Talk to the TenantLens team" },
      { id: REPLY_IDS.help, title: "Help", description: "Commands you can type" },
    ],
  };
}

export const help = (): OutboundMessage =>
  text(
    [
      "You can type:",
      "• CHECK 8001015009087 — screen a person by SA ID number",
      "• CHECK 2015/123456/07 — screen a company by CIPC number",
      "• add RENT 12500 INCOME 40000 for an affordability check",
      "• STATUS — your recent checks",
      "• STOP / START — turn notifications off or on",
      "• MENU — the menu",
      `Passport checks and everything else: ${portal("/enquiries/new")}`,
    ].join("\n"),
  );

export const welcome = (): OutboundMessage =>
  text(
    [
      "Welcome to TenantLens, tenant screening for South African landlords and agents.",
      "",
      `This number is not linked to a TenantLens account yet. Sign up at ${portal("/sign-up")}, then open Settings → WhatsApp to link it.`,
      `Already have an account? Settings → WhatsApp shows a code: send it here as LINK 123456 (to ${businessNumber()}).`,
    ].join("\n"),
  );

export const checkUsage = (): OutboundMessage => text("Send the applicant's SA ID number or the company's CIPC number after CHECK, e.g. CHECK 8001015009087 or CHECK 2015/123456/07.");

export function consentChoice(masked: string): OutboundMessage {
  return {
    type: "buttons",
    text: `Check ${masked}. TPN may only be asked with the applicant's consent (POPIA). How was consent given?`,
    buttons: [
      // Reply-button titles are at most 20 characters (Meta cuts longer ones).
      { id: REPLY_IDS.consentAttested, title: "Consent form signed" },
      { id: REPLY_IDS.consentAsk, title: "Ask the applicant" },
      { id: REPLY_IDS.cancel, title: "Cancel" },
    ],
    footer: "Consent form signed: you confirm you hold it.",
  };
}

export const askApplicantNumber = (): OutboundMessage => text("Send the applicant's WhatsApp number (e.g. 082 123 4567). We will ask them for consent and continue when they agree.");
export const askPin = (): OutboundMessage => text("Reply with your WhatsApp PIN to start the check. (Set or change it in the portal: Settings → WhatsApp.)");
export const noPin = (): OutboundMessage => text(`Set a WhatsApp PIN first: ${portal("/settings/whatsapp")}. Checks from WhatsApp need it.`);
export const pinLocked = (): OutboundMessage => text(`Your WhatsApp PIN is locked after 5 wrong tries. Set a new one in the portal: ${portal("/settings/whatsapp")}`);
export const wrongPin = (remaining: number): OutboundMessage => text(`That PIN is not right. ${remaining} ${remaining === 1 ? "try" : "tries"} left before it locks.`);
export const cancelled = (): OutboundMessage => text("Cancelled. Nothing was sent to TPN.");
export const unsupported = (): OutboundMessage => text("Sorry, I can read text and buttons only. Type MENU to see what I can do.");

/** What support takes from WhatsApp, as the portal's chat does (lib/support/attachment-type.ts). */
const FILES_ACCEPTED = "Support can take photos and screenshots (JPEG, PNG or WEBP) and PDF documents of up to 5 MB.";
export const fileNotAccepted = (): OutboundMessage => text(`Sorry, I could not pass that file to support. ${FILES_ACCEPTED} Nothing was sent; try again with one of those, or describe the problem in a message.`);
export const fileTooLarge = (): OutboundMessage => text(`Sorry, that file is larger than 5 MB, so I could not pass it to support. ${FILES_ACCEPTED} Nothing was sent.`);
export const fileNotReceived = (): OutboundMessage => text("Sorry, your file did not reach us because of a problem on our side. Please send it again.");
export const optedOut = (): OutboundMessage => text("You will get no more notifications here. Send START to turn them back on. Replies to your own messages still arrive.");
export const optedIn = (): OutboundMessage => text("Notifications are on again. Send STOP to turn them off.");
export const relinkRequired = (days: number): OutboundMessage =>
  text(`Your organisation asks for WhatsApp numbers to be linked again every ${days} days. Link this number again in the portal: ${portal("/settings/whatsapp")}`);
export const supportInPortal = (): OutboundMessage =>
  text(`Our support team answers in the portal chat: ${portal("/dashboard")}. Describe your question there and we will reply as soon as we can.`);

export function started(reference: string, consentRequested: boolean): OutboundMessage {
  return text(
    consentRequested
      ? `Check ${reference} is waiting for the applicant's consent. We asked them on WhatsApp and will continue when they agree (up to 7 days).`
      : `Check ${reference} has started. The result arrives here, usually within a minute.`,
  );
}

import { and, eq, inArray, isNotNull, notInArray } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { supportMessages, whatsappContacts, whatsappConversationStates, whatsappLinkCodes, whatsappLinks, whatsappMessages, whatsappStatusEvents } from "@/db/schema";
import { destroyDataKey } from "@/lib/crypto/data-keys";
import { decryptJson } from "@/lib/crypto/field-encryption";
import type { ConversationState } from "@/lib/whatsapp/conversation-state";
import { openBody, sealBody, type StoredBody } from "@/lib/whatsapp/message-store";

/** What an erased applicant's WhatsApp messages say from now on, in our store (Meta's copies are Meta's). */
export const ERASED_MESSAGE_TEXT = "[Removed: this message concerned an applicant whose personal information was erased.]";

export interface WhatsAppTraces {
  /** The enquiries of the subject being erased. */
  enquiryIds: string[];
  /** Who requested them: their linked numbers may have typed the applicant's number (CHECK …). */
  requesterIds: string[];
  /** The subject's identifier as stored (passports as `NAT:NUMBER`), or null when it cannot be read. */
  identifier: string | null;
}

export interface WhatsAppRedaction {
  messagesRedacted: number;
  contactsRemoved: number;
  draftsRemoved: number;
}

/** Formatting people type around a number (spaces, dashes, slashes) does not change what it says. */
const compact = (text: string) => text.replace(/[\s\u2010-\u2015\u2212/-]/g, "").toUpperCase();

/**
 * The WhatsApp store keeps its own copies of an applicant's data, sealed under each *contact's* key
 * rather than the subject's, so shredding the subject's key does not reach them. In the caller's
 * erasure transaction:
 *
 * 1. The applicant's own number (asked for consent over WhatsApp) is removed with everything it sent
 *    and received, and its key destroyed, when it is only ever the applicant's: never linked to an
 *    account, never sent a link code, never asked about another subject's enquiry.
 * 2. Every other stored message about the subject's enquiries (report summaries and PDFs sent to the
 *    requester, a consent request to a number shared with others) is overwritten with a notice; one
 *    still held back for the 24-hour window is never sent.
 * 3. On the requesters' linked numbers, inbound texts that contain the applicant's number (CHECK
 *    8501…) are overwritten the same way, and a CHECK draft in progress for it is dropped.
 */
export async function redactWhatsAppTraces(tx: Transaction, traces: WhatsAppTraces): Promise<WhatsAppRedaction> {
  const result: WhatsAppRedaction = { messagesRedacted: 0, contactsRemoved: 0, draftsRemoved: 0 };
  if (traces.enquiryIds.length === 0) return result;

  const tied = await tx
    .select({ id: whatsappMessages.id, contactId: whatsappMessages.contactId, direction: whatsappMessages.direction, status: whatsappMessages.status, purpose: whatsappMessages.purpose })
    .from(whatsappMessages)
    .where(inArray(whatsappMessages.enquiryId, traces.enquiryIds));

  const applicantContacts = [...new Set(tied.filter((message) => message.purpose === "consent-request").map((message) => message.contactId))];
  const removed = new Set<string>();
  for (const contactId of applicantContacts) {
    if (await onlyTheApplicants(tx, contactId, traces.enquiryIds)) {
      await removeContact(tx, contactId);
      removed.add(contactId);
    }
  }
  result.contactsRemoved = removed.size;

  const contacts = new Map<string, { dataKeyId: string }>();
  const contactOf = async (contactId: string) => {
    let contact = contacts.get(contactId);
    if (!contact) {
      const [row] = await tx.select({ dataKeyId: whatsappContacts.dataKeyId }).from(whatsappContacts).where(eq(whatsappContacts.id, contactId));
      if (!row) throw new Error("WhatsApp contact of a stored message is missing");
      contact = row;
      contacts.set(contactId, contact);
    }
    return contact;
  };

  for (const message of tied) {
    if (removed.has(message.contactId)) continue;
    await overwrite(tx, await contactOf(message.contactId), message);
    result.messagesRedacted += 1;
  }

  const needle = traces.identifier ? compact(traces.identifier.includes(":") ? (traces.identifier.split(":")[1] ?? "") : traces.identifier) : "";
  if (needle.length < 6 || traces.requesterIds.length === 0) return result;
  const requesterContacts = await tx.selectDistinct({ contactId: whatsappLinks.contactId }).from(whatsappLinks).where(inArray(whatsappLinks.userId, traces.requesterIds));
  for (const { contactId } of requesterContacts) {
    if (removed.has(contactId)) continue;
    const inbound = await tx
      .select({ id: whatsappMessages.id, contactId: whatsappMessages.contactId, direction: whatsappMessages.direction, status: whatsappMessages.status, bodyEncrypted: whatsappMessages.bodyEncrypted })
      .from(whatsappMessages)
      .where(and(eq(whatsappMessages.contactId, contactId), eq(whatsappMessages.direction, "in"), eq(whatsappMessages.kind, "text")));
    for (const message of inbound) {
      const body = await openBody(tx, message.bodyEncrypted).catch(() => undefined);
      if (body?.direction !== "in" || body.content.type !== "text" || !compact(body.content.text).includes(needle)) continue;
      await overwrite(tx, await contactOf(contactId), message);
      result.messagesRedacted += 1;
    }
    const [state] = await tx.select().from(whatsappConversationStates).where(eq(whatsappConversationStates.contactId, contactId));
    if (state) {
      const open = await decryptJson<ConversationState>(tx, state.stateEncrypted, "whatsapp_conversation_states.state").catch(() => undefined);
      if (open && "draft" in open && compact(open.draft.identifier).includes(needle)) {
        await tx.delete(whatsappConversationStates).where(eq(whatsappConversationStates.contactId, contactId));
        result.draftsRemoved += 1;
      }
    }
  }
  return result;
}

/** A number we know only as this applicant's: removing it loses nobody else's history. */
async function onlyTheApplicants(tx: Transaction, contactId: string, enquiryIds: string[]): Promise<boolean> {
  const [link] = await tx.select({ id: whatsappLinks.id }).from(whatsappLinks).where(eq(whatsappLinks.contactId, contactId)).limit(1);
  if (link) return false;
  const [code] = await tx.select({ id: whatsappLinkCodes.id }).from(whatsappLinkCodes).where(eq(whatsappLinkCodes.contactId, contactId)).limit(1);
  if (code) return false;
  const [other] = await tx
    .select({ id: whatsappMessages.id })
    .from(whatsappMessages)
    .where(and(eq(whatsappMessages.contactId, contactId), isNotNull(whatsappMessages.enquiryId), notInArray(whatsappMessages.enquiryId, enquiryIds)))
    .limit(1);
  if (other) return false;
  const [support] = await tx
    .select({ id: supportMessages.id })
    .from(supportMessages)
    .innerJoin(whatsappMessages, eq(whatsappMessages.id, supportMessages.whatsappMessageId))
    .where(eq(whatsappMessages.contactId, contactId))
    .limit(1);
  return !support;
}

/**
 * The number, its messages, their delivery statuses and any conversation state go, and its key is
 * destroyed. If the number writes again it is a new contact with a new key, as on first contact.
 */
async function removeContact(tx: Transaction, contactId: string) {
  const [contact] = await tx.select({ dataKeyId: whatsappContacts.dataKeyId }).from(whatsappContacts).where(eq(whatsappContacts.id, contactId)).for("update");
  if (!contact) return;
  const sent = await tx
    .select({ wamid: whatsappMessages.wamid })
    .from(whatsappMessages)
    .where(and(eq(whatsappMessages.contactId, contactId), isNotNull(whatsappMessages.wamid)));
  const wamids = sent.flatMap((row) => (row.wamid ? [row.wamid] : []));
  if (wamids.length > 0) await tx.delete(whatsappStatusEvents).where(inArray(whatsappStatusEvents.wamid, wamids));
  await tx.delete(whatsappMessages).where(eq(whatsappMessages.contactId, contactId));
  await tx.delete(whatsappConversationStates).where(eq(whatsappConversationStates.contactId, contactId));
  await tx.delete(whatsappContacts).where(eq(whatsappContacts.id, contactId));
  await destroyDataKey(tx, contact.dataKeyId);
}

async function overwrite(tx: Transaction, contact: { dataKeyId: string }, message: { id: string; direction: "in" | "out"; status: string }) {
  const body: StoredBody =
    message.direction === "in" ? { direction: "in", content: { type: "text", text: ERASED_MESSAGE_TEXT } } : { direction: "out", message: { type: "text", text: ERASED_MESSAGE_TEXT } };
  await tx
    .update(whatsappMessages)
    .set({
      bodyEncrypted: await sealBody(tx, contact, body),
      // Held back for the 24-hour window: it must never go out now.
      ...(message.status === "deferred" ? { status: "failed" as const, statusAt: new Date(), errorTitle: "not sent: the applicant's personal information was erased" } : {}),
    })
    .where(eq(whatsappMessages.id, message.id));
}

import { and, asc, eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { whatsappMessages } from "@/db/schema";
import { decryptJson, encryptJson } from "@/lib/crypto/field-encryption";
import type { WhatsAppContact } from "./contacts";
import type { OutboundMessage } from "./outbound-message";
import type { InboundContent } from "./webhook-payload";

export const MESSAGE_BODY_COLUMN = "whatsapp_messages.body";

export type StoredBody = { direction: "in"; content: InboundContent } | { direction: "out"; message: OutboundMessage };

export function sealBody(db: DbExecutor, contact: Pick<WhatsAppContact, "dataKeyId">, body: StoredBody) {
  return encryptJson(db, contact.dataKeyId, body, MESSAGE_BODY_COLUMN);
}

export function openBody(db: DbExecutor, sealed: string): Promise<StoredBody> {
  return decryptJson<StoredBody>(db, sealed, MESSAGE_BODY_COLUMN);
}

/** Outbound messages held back until the person writes again (they were outside the 24-hour window). */
export function deferredMessages(db: DbExecutor, contactId: string) {
  return db
    .select()
    .from(whatsappMessages)
    .where(and(eq(whatsappMessages.contactId, contactId), eq(whatsappMessages.direction, "out"), eq(whatsappMessages.status, "deferred")))
    .orderBy(asc(whatsappMessages.createdAt));
}

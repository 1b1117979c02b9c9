import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { whatsappContacts, type whatsappContacts as ContactsTable } from "@/db/schema";
import { blindIndex } from "@/lib/crypto/blind-index";
import { createDataKey } from "@/lib/crypto/data-keys";
import { decryptField, encryptField } from "@/lib/crypto/field-encryption";

export type WhatsAppContact = typeof ContactsTable.$inferSelect;

const PHONE_COLUMN = "whatsapp_contacts.phone";

export function phoneIndex(waId: string): Promise<string> {
  return blindIndex("phone", waId);
}

export async function findContact(db: DbExecutor, waId: string): Promise<WhatsAppContact | undefined> {
  const [row] = await db.select().from(whatsappContacts).where(eq(whatsappContacts.phoneIndex, await phoneIndex(waId)));
  return row;
}

/** The contact for a number, created with its own data key on first sight (concurrent first messages agree on one row). */
export async function findOrCreateContact(db: DbExecutor, waId: string): Promise<WhatsAppContact> {
  const existing = await findContact(db, waId);
  if (existing) return existing;
  const dataKeyId = await createDataKey(db, "whatsapp-contact");
  const [created] = await db
    .insert(whatsappContacts)
    .values({ phoneIndex: await phoneIndex(waId), phoneEncrypted: await encryptField(db, dataKeyId, waId, PHONE_COLUMN), phoneLast4: waId.slice(-4), dataKeyId })
    .onConflictDoNothing({ target: whatsappContacts.phoneIndex })
    .returning();
  if (created) return created;
  const winner = await findContact(db, waId);
  if (!winner) throw new Error("WhatsApp contact vanished after a concurrent insert");
  return winner;
}

export function contactNumber(db: DbExecutor, contact: Pick<WhatsAppContact, "phoneEncrypted">): Promise<string> {
  return decryptField(db, contact.phoneEncrypted, PHONE_COLUMN);
}

/** The customer service window: free-form messages may go out for 24 hours after the person last wrote. */
export function insideServiceWindow(contact: Pick<WhatsAppContact, "lastInboundAt">, now = new Date()): boolean {
  return contact.lastInboundAt !== null && now.getTime() - contact.lastInboundAt.getTime() < 24 * 60 * 60 * 1000;
}

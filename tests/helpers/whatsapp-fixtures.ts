import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappLinks } from "@/db/schema";
import { findOrCreateContact } from "@/lib/whatsapp/contacts";

let next = 0;
/** A fresh valid South African mobile number in WhatsApp form (27 8x xxx xxxx), unique per call in a run. */
export function freshWhatsAppNumber(): string {
  next += 1;
  const serial = (Date.now() % 1_000_000) * 10 + (next % 10);
  return `2782${String((serial + next * 7919) % 10_000_000).padStart(7, "0")}`;
}

/** Links a new number to the user directly (as if they had proven it), returning the number and contact. */
export async function linkTestNumber(db: Database, userId: string, options: { notifyWebEnquiries?: boolean; linkedAt?: Date } = {}) {
  const number = freshWhatsAppNumber();
  const contact = await findOrCreateContact(db, number);
  await db.update(whatsappLinks).set({ revokedAt: new Date(), revokedReason: "replaced" }).where(and(eq(whatsappLinks.userId, userId), isNull(whatsappLinks.revokedAt)));
  await db.insert(whatsappLinks).values({ userId, contactId: contact.id, notifyWebEnquiries: options.notifyWebEnquiries ?? false, linkedAt: options.linkedAt ?? new Date() });
  return { number, contact };
}

import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { organisations, whatsappContacts, whatsappLinks, whatsappPins } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { contactNumber } from "./contacts";
import { maskWhatsAppNumber } from "./phone-number";

async function activeLink(db: Database, userId: string) {
  const [row] = await db
    .select({ link: whatsappLinks, contact: whatsappContacts })
    .from(whatsappLinks)
    .innerJoin(whatsappContacts, eq(whatsappContacts.id, whatsappLinks.contactId))
    .where(and(eq(whatsappLinks.userId, userId), isNull(whatsappLinks.revokedAt)));
  return row;
}

/** Settings → WhatsApp: the caller's own link, PIN state and the organisation's re-link rule. */
export async function readWhatsAppSettings(db: Database, actor: Actor) {
  if (!can(actor, "whatsapp:link")) throw new ForbiddenError();
  const row = await activeLink(db, actor.userId);
  const [pin] = await db.select({ lockedAt: whatsappPins.lockedAt, updatedAt: whatsappPins.updatedAt }).from(whatsappPins).where(eq(whatsappPins.userId, actor.userId));
  const [organisation] = await db.select({ relinkDays: organisations.whatsappRelinkDays }).from(organisations).where(eq(organisations.id, actor.organisationId));
  const relinkDays = organisation?.relinkDays ?? null;
  return {
    enabled: Boolean(env.WHATSAPP_PHONE_NUMBER_ID && env.WHATSAPP_ACCESS_TOKEN),
    businessNumber: env.WHATSAPP_DISPLAY_NUMBER ? `+${env.WHATSAPP_DISPLAY_NUMBER}` : null,
    link: row
      ? {
          number: maskWhatsAppNumber(await contactNumber(db, row.contact)),
          linkedAt: row.link.linkedAt,
          relinkBy: relinkDays === null ? null : new Date(row.link.linkedAt.getTime() + relinkDays * 86_400_000),
          notifyWebEnquiries: row.link.notifyWebEnquiries,
          optedOut: row.contact.optedOutAt !== null,
        }
      : null,
    pin: pin ? { set: true, locked: pin.lockedAt !== null, updatedAt: pin.updatedAt } : { set: false, locked: false, updatedAt: null },
    relinkDays,
  };
}

export async function updateWhatsAppSettings(db: Database, actor: Actor, audit: AuditContext, input: { notifyWebEnquiries: boolean }) {
  if (!can(actor, "whatsapp:link")) throw new ForbiddenError();
  const row = await activeLink(db, actor.userId);
  if (!row) throw new NotFoundError("WhatsApp link");
  await db.transaction(async (tx) => {
    await tx.update(whatsappLinks).set({ notifyWebEnquiries: input.notifyWebEnquiries }).where(eq(whatsappLinks.id, row.link.id));
    await recordAuditEvent(tx, audit, { action: "whatsapp.settings.update", resourceType: "user", resourceId: actor.userId, metadata: { notifyWebEnquiries: input.notifyWebEnquiries } });
  });
}

export async function unlinkWhatsApp(db: Database, actor: Actor, audit: AuditContext) {
  if (!can(actor, "whatsapp:link")) throw new ForbiddenError();
  const row = await activeLink(db, actor.userId);
  if (!row) throw new NotFoundError("WhatsApp link");
  await db.transaction(async (tx) => {
    await tx.update(whatsappLinks).set({ revokedAt: new Date(), revokedReason: "unlinked" }).where(eq(whatsappLinks.id, row.link.id));
    await recordAuditEvent(tx, audit, { action: "whatsapp.unlink", resourceType: "user", resourceId: actor.userId });
  });
}

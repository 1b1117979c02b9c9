import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { organisations, users, whatsappLinks } from "@/db/schema";
import type { AuditContext } from "@/lib/audit/record-audit-event";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import type { WhatsAppContact } from "./contacts";

export type LinkedActor =
  | { state: "linked"; actor: Actor; name: string; linkId: string; notifyWebEnquiries: boolean; audit: AuditContext }
  | { state: "unlinked" }
  | { state: "relink-required"; days: number };

export function whatsappAudit(actor: Pick<Actor, "userId" | "organisationId"> | null, contactId: string): AuditContext {
  return { actorType: actor ? "user" : "whatsapp", actorId: actor?.userId ?? contactId, organisationId: actor?.organisationId ?? null, channel: "whatsapp" };
}

/**
 * Who a WhatsApp number acts for: the user whose proven link is active, if that user and their
 * organisation are enabled. A link older than the organisation's re-link period (SIM-swap guard) is
 * ended here and must be proven again in the portal.
 */
export async function linkedActor(db: Database, contact: WhatsAppContact, now = new Date()): Promise<LinkedActor> {
  const [row] = await db
    .select({ link: whatsappLinks, user: users, relinkDays: organisations.whatsappRelinkDays, organisationDisabled: organisations.disabledAt })
    .from(whatsappLinks)
    .innerJoin(users, eq(users.id, whatsappLinks.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(whatsappLinks.contactId, contact.id), isNull(whatsappLinks.revokedAt)));
  if (!row || row.user.disabledAt || row.organisationDisabled) return { state: "unlinked" };
  const actor: Actor = { userId: row.user.id, organisationId: row.user.organisationId, role: row.user.role, via: "whatsapp" };
  const audit = whatsappAudit(actor, contact.id);
  if (row.relinkDays !== null && now.getTime() - row.link.linkedAt.getTime() > row.relinkDays * 86_400_000) {
    await db.transaction(async (tx) => {
      await tx.update(whatsappLinks).set({ revokedAt: now, revokedReason: "relink-period" }).where(eq(whatsappLinks.id, row.link.id));
      await recordAuditEvent(tx, audit, { action: "whatsapp.link.expire", resourceType: "user", resourceId: row.user.id, metadata: { relinkDays: row.relinkDays } });
    });
    return { state: "relink-required", days: row.relinkDays };
  }
  return { state: "linked", actor, name: row.user.name.split(" ")[0] ?? row.user.name, linkId: row.link.id, notifyWebEnquiries: row.link.notifyWebEnquiries, audit };
}

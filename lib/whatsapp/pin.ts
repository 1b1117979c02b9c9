import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappPins } from "@/db/schema";
import { ForbiddenError, ValidationError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { assertCurrentPassword, loadUser } from "@/lib/accounts/load-user";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { can, type Actor } from "@/lib/auth/permissions";

export const PIN_MAX_ATTEMPTS = 5;

/** PINs anyone would try first. */
function isGuessable(pin: string): boolean {
  if (/^(\d)\1+$/.test(pin)) return true;
  const ascending = "01234567890";
  const descending = "09876543210";
  return ascending.includes(pin) || descending.includes(pin) || ["1212", "6969", "2580", "0852", "1122", "112233", "121212", "654321"].includes(pin);
}

export function validatePin(pin: string): void {
  if (!/^\d{4,6}$/.test(pin)) throw new ValidationError("pin", "Use 4 to 6 digits.", "INVALID_PIN");
  if (isGuessable(pin)) throw new ValidationError("pin", "That PIN is too easy to guess (repeated or consecutive digits). Choose another.", "WEAK_PIN");
}

/** Set or replace the PIN (which also unlocks it); the account password is asked again first. */
export async function setWhatsAppPin(db: Database, actor: Actor, audit: AuditContext, input: { pin: string; currentPassword: string }): Promise<void> {
  if (!can(actor, "whatsapp:link")) throw new ForbiddenError();
  validatePin(input.pin);
  await assertCurrentPassword(await loadUser(db, actor.userId), input.currentPassword);
  const pinHash = await hashPassword(input.pin);
  await db.transaction(async (tx) => {
    await tx
      .insert(whatsappPins)
      .values({ userId: actor.userId, pinHash })
      .onConflictDoUpdate({ target: whatsappPins.userId, set: { pinHash, failedAttempts: 0, lockedAt: null, updatedAt: new Date() } });
    await recordAuditEvent(tx, audit, { action: "whatsapp.pin.set", resourceType: "user", resourceId: actor.userId });
  });
}

export type PinCheck = { ok: true } | { ok: false; reason: "not-set" | "locked" } | { ok: false; reason: "wrong"; remaining: number };

/** Checks a PIN typed on WhatsApp; the fifth wrong one locks it until a new PIN is set in the portal. */
export async function checkWhatsAppPin(db: Database, userId: string, pin: string, audit: AuditContext): Promise<PinCheck> {
  const [row] = await db.select().from(whatsappPins).where(eq(whatsappPins.userId, userId));
  if (!row) return { ok: false, reason: "not-set" };
  if (row.lockedAt) return { ok: false, reason: "locked" };
  if (/^\d{4,6}$/.test(pin) && (await verifyPassword(row.pinHash, pin))) {
    if (row.failedAttempts > 0) await db.update(whatsappPins).set({ failedAttempts: 0 }).where(eq(whatsappPins.userId, userId));
    return { ok: true };
  }
  const [updated] = await db
    .update(whatsappPins)
    .set({ failedAttempts: sql`${whatsappPins.failedAttempts} + 1`, lockedAt: sql`case when ${whatsappPins.failedAttempts} + 1 >= ${PIN_MAX_ATTEMPTS} then now() else null end` })
    .where(eq(whatsappPins.userId, userId))
    .returning({ failedAttempts: whatsappPins.failedAttempts });
  const attempts = updated?.failedAttempts ?? PIN_MAX_ATTEMPTS;
  await recordAuditEvent(db, audit, { action: attempts >= PIN_MAX_ATTEMPTS ? "whatsapp.pin.locked" : "whatsapp.pin.wrong", resourceType: "user", resourceId: userId, outcome: "failure" });
  if (attempts >= PIN_MAX_ATTEMPTS) return { ok: false, reason: "locked" };
  return { ok: false, reason: "wrong", remaining: PIN_MAX_ATTEMPTS - attempts };
}


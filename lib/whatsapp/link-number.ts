import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Database, DbExecutor } from "@/db/client";
import { whatsappLinkCodes, whatsappLinks } from "@/db/schema";
import { ConflictError, ForbiddenError, ServiceUnavailableError, ValidationError } from "@/lib/api/errors";
import { GraphApiError } from "./graph-errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { blindIndex } from "@/lib/crypto/blind-index";
import { env } from "@/lib/env";
import { assertRateLimit } from "@/lib/rate-limit/assert-rate-limit";
import { findOrCreateContact, insideServiceWindow, type WhatsAppContact } from "./contacts";
import type { OutboundMessage } from "./outbound-message";
import { maskWhatsAppNumber, normaliseWhatsAppNumber } from "./phone-number";
import { sendWhatsAppMessage } from "./send-message";

export const LINK_CODE_TTL_MS = 10 * 60_000;
export const LINK_CODE_MAX_ATTEMPTS = 5;

function newCode(): string {
  const [value = 0] = crypto.getRandomValues(new Uint32Array(1));
  return String(value % 1_000_000).padStart(6, "0");
}

/** Six digits are guessable offline, so codes are stored as a keyed HMAC, never a plain hash. */
const codeHash = (code: string) => blindIndex("link-code", code);

/** Ends any earlier link of the user or of the number, then records the new one, in one transaction. */
async function establishLink(tx: DbExecutor, userId: string, contactId: string, audit: AuditContext, method: string) {
  const now = new Date();
  await tx
    .update(whatsappLinks)
    .set({ revokedAt: now, revokedReason: "replaced" })
    .where(and(isNull(whatsappLinks.revokedAt), or(eq(whatsappLinks.userId, userId), eq(whatsappLinks.contactId, contactId))));
  const [link] = await tx.insert(whatsappLinks).values({ userId, contactId, linkedAt: now }).returning({ id: whatsappLinks.id });
  await recordAuditEvent(tx, audit, { action: "whatsapp.link", resourceType: "user", resourceId: userId, metadata: { method } });
  return link;
}

/** Settings → WhatsApp, way 1: we send a code to the number; the user types it into the portal. */
export async function sendLinkCode(db: Database, actor: Actor, audit: AuditContext, phone: string): Promise<{ sentTo: string; expiresAt: Date }> {
  if (!can(actor, "whatsapp:link")) throw new ForbiddenError();
  const waId = normaliseWhatsAppNumber(phone, "phone");
  await assertRateLimit("whatsapp:link-code", actor.userId);
  const contact = await findOrCreateContact(db, waId);
  const code = newCode();
  const expiresAt = new Date(Date.now() + LINK_CODE_TTL_MS);
  await db.transaction(async (tx) => {
    // Only the newest code counts.
    await tx.update(whatsappLinkCodes).set({ consumedAt: new Date() }).where(and(eq(whatsappLinkCodes.userId, actor.userId), isNull(whatsappLinkCodes.consumedAt)));
    await tx.insert(whatsappLinkCodes).values({ userId: actor.userId, direction: "to-phone", contactId: contact.id, codeHash: await codeHash(code), expiresAt });
    await recordAuditEvent(tx, audit, { action: "whatsapp.link.code-sent", resourceType: "user", resourceId: actor.userId });
  });
  // A code to a number that never wrote to us (or not in the last 24 hours) can only go as the approved
  // template. It goes as that template alone: a copy held back until the person next writes would
  // arrive after the code expired, or after it linked the number.
  if (contact.optedOutAt) throw new ConflictError("That number sent STOP. Send START to us on WhatsApp first.", { code: "WHATSAPP_OPTED_OUT", field: "phone" });
  const message: OutboundMessage = insideServiceWindow(contact)
    ? { type: "text", text: `Your TenantLens link code is ${code}. It expires in 10 minutes. If you did not ask for it, ignore this message.` }
    : { type: "template", name: env.WHATSAPP_TEMPLATE_UPDATE, language: env.WHATSAPP_TEMPLATE_LANGUAGE, parameters: [`your link code is ${code} (valid 10 minutes)`] };
  const outcome = await sendWhatsAppMessage(db, contact, message, { purpose: "link-code" }).catch((error: unknown) => {
    if (error instanceof GraphApiError) throw new ServiceUnavailableError("WhatsApp is not reachable right now. Try again in a minute.", { cause: error });
    throw error;
  });
  if (outcome === "not-configured" || outcome === "failed") throw new ConflictError("WhatsApp could not deliver the code to that number. Check it and try again.", { code: "WHATSAPP_NOT_DELIVERED", field: "phone" });
  return { sentTo: maskWhatsAppNumber(waId), expiresAt };
}

/** Way 1, second half: the code typed into the portal. Five wrong tries end the code. */
export async function confirmLinkCode(db: Database, actor: Actor, audit: AuditContext, code: string): Promise<{ linked: true }> {
  if (!can(actor, "whatsapp:link")) throw new ForbiddenError();
  if (!/^\d{6}$/.test(code.replace(/\s/g, ""))) throw new ValidationError("code", "The code has 6 digits.", "INVALID_LINK_CODE");
  const [pending] = await db
    .select()
    .from(whatsappLinkCodes)
    .where(and(eq(whatsappLinkCodes.userId, actor.userId), eq(whatsappLinkCodes.direction, "to-phone"), isNull(whatsappLinkCodes.consumedAt), gt(whatsappLinkCodes.expiresAt, new Date())))
    .orderBy(desc(whatsappLinkCodes.createdAt))
    .limit(1);
  if (!pending?.contactId) throw new ValidationError("code", "There is no code waiting, or it expired. Ask for a new one.", "LINK_CODE_EXPIRED");
  if (pending.codeHash !== (await codeHash(code.replace(/\s/g, "")))) {
    const [updated] = await db
      .update(whatsappLinkCodes)
      .set({ attempts: sql`${whatsappLinkCodes.attempts} + 1`, consumedAt: sql`case when ${whatsappLinkCodes.attempts} + 1 >= ${LINK_CODE_MAX_ATTEMPTS} then now() else null end` })
      .where(eq(whatsappLinkCodes.id, pending.id))
      .returning({ attempts: whatsappLinkCodes.attempts });
    const left = LINK_CODE_MAX_ATTEMPTS - (updated?.attempts ?? LINK_CODE_MAX_ATTEMPTS);
    throw new ValidationError("code", left > 0 ? `That code is not right. ${left} ${left === 1 ? "try" : "tries"} left.` : "Too many wrong codes. Ask for a new one.", "WRONG_LINK_CODE");
  }
  const contactId = pending.contactId;
  await db.transaction(async (tx) => {
    await tx.update(whatsappLinkCodes).set({ consumedAt: new Date() }).where(eq(whatsappLinkCodes.id, pending.id));
    await establishLink(tx, actor.userId, contactId, audit, "code-to-phone");
  });
  return { linked: true };
}

/** Settings → WhatsApp, way 2: the portal shows a code; the user sends "LINK 123456" from the number. */
export async function createLinkFromPhoneCode(db: Database, actor: Actor, audit: AuditContext): Promise<{ code: string; expiresAt: Date; sendTo: string | null }> {
  if (!can(actor, "whatsapp:link")) throw new ForbiddenError();
  await assertRateLimit("whatsapp:link-code", actor.userId);
  const expiresAt = new Date(Date.now() + LINK_CODE_TTL_MS);
  // Codes are looked up by value, so no two live ones may be equal.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newCode();
    const hash = await codeHash(code);
    const created = await db.transaction(async (tx) => {
      const [clash] = await tx
        .select({ id: whatsappLinkCodes.id })
        .from(whatsappLinkCodes)
        .where(and(eq(whatsappLinkCodes.codeHash, hash), isNull(whatsappLinkCodes.consumedAt), gt(whatsappLinkCodes.expiresAt, new Date())));
      if (clash) return false;
      await tx.update(whatsappLinkCodes).set({ consumedAt: new Date() }).where(and(eq(whatsappLinkCodes.userId, actor.userId), isNull(whatsappLinkCodes.consumedAt)));
      await tx.insert(whatsappLinkCodes).values({ userId: actor.userId, direction: "from-phone", codeHash: hash, expiresAt });
      await recordAuditEvent(tx, audit, { action: "whatsapp.link.code-shown", resourceType: "user", resourceId: actor.userId });
      return true;
    });
    if (created) return { code, expiresAt, sendTo: env.WHATSAPP_DISPLAY_NUMBER ? `+${env.WHATSAPP_DISPLAY_NUMBER}` : null };
  }
  throw new ConflictError("Could not make a unique code just now. Try again.");
}

/** Way 2, second half, from the bot: a number sent "LINK <code>". Tries per number are rate-limited. */
export async function linkFromPhone(db: Database, contact: WhatsAppContact, code: string, audit: AuditContext): Promise<"linked" | "unknown-code" | "too-many-tries"> {
  const allowed = await assertRateLimit("whatsapp:link-attempt", contact.id).then(
    () => true,
    () => false,
  );
  if (!allowed) return "too-many-tries";
  const [pending] = await db
    .select()
    .from(whatsappLinkCodes)
    .where(and(eq(whatsappLinkCodes.codeHash, await codeHash(code)), eq(whatsappLinkCodes.direction, "from-phone"), isNull(whatsappLinkCodes.consumedAt), gt(whatsappLinkCodes.expiresAt, new Date())));
  if (!pending) return "unknown-code";
  await db.transaction(async (tx) => {
    await tx.update(whatsappLinkCodes).set({ consumedAt: new Date() }).where(eq(whatsappLinkCodes.id, pending.id));
    await establishLink(tx, pending.userId, contact.id, { ...audit, actorId: pending.userId }, "code-from-phone");
  });
  return "linked";
}

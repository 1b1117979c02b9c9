import { and, eq, isNull } from "drizzle-orm";
import QRCode from "qrcode";
import type { Database } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, requiresMfa, type Actor } from "@/lib/auth/permissions";
import { generateTotpSecret, matchTotpStep, totpUri } from "@/lib/auth/totp";
import { createDataKey } from "@/lib/crypto/data-keys";
import { decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { endOtherSessions } from "@/lib/sessions/end-sessions";
import { replaceRecoveryCodes } from "./recovery-codes";
import { assertCurrentPassword, loadUser } from "./load-user";

/** Step 1 (after re-entering the password): a new secret to scan; not active until confirmed with a code. */
export async function startMfaEnrolment(db: Database, actor: Actor, context: AuditContext, currentPassword: string) {
  if (!can(actor, "account:manage-own")) throw new ForbiddenError();
  const user = await loadUser(db, actor.userId);
  await assertCurrentPassword(user, currentPassword);
  if (user.totpEnabledAt) throw new ConflictError("Two-factor authentication is already on.", { code: "MFA_ALREADY_ENABLED" });
  const secret = generateTotpSecret();
  await db.transaction(async (tx) => {
    const dataKeyId = user.dataKeyId ?? (await createDataKey(tx, "user"));
    await tx
      .update(users)
      .set({ dataKeyId, totpSecretEncrypted: await encryptField(tx, dataKeyId, secret, "users.totp_secret"), totpLastStep: null })
      .where(eq(users.id, user.id));
    await recordAuditEvent(tx, context, { action: "account.mfa-enrolment-started", resourceType: "user", resourceId: user.id });
  });
  const uri = totpUri(secret, user.email);
  return { secret, uri, qrCodeDataUrl: await QRCode.toDataURL(uri) };
}

/** Step 2: a correct code turns MFA on and returns recovery codes, shown this once only. */
export async function confirmMfaEnrolment(db: Database, actor: Actor, context: AuditContext, code: string) {
  if (!can(actor, "account:manage-own")) throw new ForbiddenError();
  const user = await loadUser(db, actor.userId);
  if (user.totpEnabledAt) throw new ConflictError("Two-factor authentication is already on.", { code: "MFA_ALREADY_ENABLED" });
  if (!user.totpSecretEncrypted) throw new ValidationError("code", "Start the set-up again: no pending secret.", "MFA_NOT_STARTED");
  const step = matchTotpStep(await decryptField(db, user.totpSecretEncrypted, "users.totp_secret"), code);
  if (step === undefined) throw new ValidationError("code", "That code is not correct. Check your authenticator app's clock.", "INVALID_TOTP");
  const codes = await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: new Date(), totpLastStep: step }).where(eq(users.id, user.id));
    await recordAuditEvent(tx, context, { action: "account.mfa-enabled", resourceType: "user", resourceId: user.id });
    return replaceRecoveryCodes(tx, user.id);
  });
  return { recoveryCodes: codes };
}

/**
 * Needs the password and a current code; staff cannot switch it off, their role requires it. Every other
 * session ends: one signed in with the second factor should not outlive it.
 */
export async function disableMfa(db: Database, actor: Actor, context: AuditContext, input: { currentPassword: string; code: string }) {
  if (!can(actor, "account:manage-own")) throw new ForbiddenError();
  if (requiresMfa(actor.role)) throw new ForbiddenError("Your role requires two-factor authentication.");
  const user = await loadUser(db, actor.userId);
  await assertCurrentPassword(user, input.currentPassword);
  if (!user.totpEnabledAt || !user.totpSecretEncrypted) throw new ConflictError("Two-factor authentication is not on.", { code: "MFA_NOT_ENABLED" });
  if (matchTotpStep(await decryptField(db, user.totpSecretEncrypted, "users.totp_secret"), input.code) === undefined) {
    throw new ValidationError("code", "That code is not correct.", "INVALID_TOTP");
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: null, totpSecretEncrypted: null, totpLastStep: null }).where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
    const endedSessions = await endOtherSessions(tx, user.id, actor.sessionId);
    await recordAuditEvent(tx, context, { action: "account.mfa-disabled", resourceType: "user", resourceId: user.id, metadata: { endedSessions } });
  });
}

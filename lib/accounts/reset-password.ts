import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { BadRequestError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { assertAcceptablePassword, hashPassword } from "@/lib/auth/password";
import { sendEmail } from "@/lib/email/send-email";
import { logger } from "@/lib/logger";
import { resetPasswordMessage, verifyEmailMessage } from "@/lib/email/templates";
import { consumeEmailLink, issueEmailLink } from "./email-links";
import { normaliseEmail } from "./email-address";

/**
 * Always answers the same way; only an existing, enabled account gets the email. A mail outage is logged,
 * not reported: a 503 only for real accounts would tell anyone which addresses have one.
 */
export async function requestPasswordReset(db: Database, context: AuditContext, rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email));
  if (!user || user.disabledAt) return;
  const link = await db.transaction(async (tx) => {
    await recordAuditEvent(tx, { ...context, actorId: user.id, organisationId: user.organisationId }, {
      action: "account.request-password-reset",
      resourceType: "user",
      resourceId: user.id,
    });
    return issueEmailLink(tx, user.id, "reset-password");
  });
  await sendEmail(resetPasswordMessage(user.email, link)).catch((error: unknown) => {
    logger.warn({ userId: user.id, err: error instanceof Error ? error.name : "unknown" }, "password reset email not sent");
  });
}

/** Sets the new password and ends every existing session (the session version moves on). */
export async function resetPassword(db: Database, context: AuditContext, token: string, password: string): Promise<void> {
  await db.transaction(async (tx) => {
    const userId = await consumeEmailLink(tx, token, "reset-password");
    if (!userId) {
      throw new BadRequestError("This reset link is invalid, used or expired. Ask for a new one.", { code: "INVALID_TOKEN", field: "token" });
    }
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user) throw new BadRequestError("This reset link is invalid.", { code: "INVALID_TOKEN", field: "token" });
    assertAcceptablePassword(password, [user.name, user.email]);
    await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(password),
        sessionVersion: sql`${users.sessionVersion} + 1`,
        failedLoginCount: 0,
        // Proving control of the mailbox also proves the address.
        emailVerifiedAt: user.emailVerifiedAt ?? new Date(),
      })
      .where(eq(users.id, userId));
    await recordAuditEvent(tx, { ...context, actorType: "user", actorId: userId, organisationId: user.organisationId }, {
      action: "account.reset-password",
      resourceType: "user",
      resourceId: userId,
    });
  });
}

/** For a signed-in user whose first link expired or got lost. */
export async function resendVerificationEmail(db: Database, context: AuditContext, userId: string): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.emailVerifiedAt) return;
  const link = await db.transaction(async (tx) => {
    await recordAuditEvent(tx, context, { action: "account.resend-verification", resourceType: "user", resourceId: userId });
    return issueEmailLink(tx, userId, "verify-email");
  });
  await sendEmail(verifyEmailMessage(user.email, user.name, link));
}

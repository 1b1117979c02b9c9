import { and, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { isUniqueViolation } from "@/db/errors";
import { BadRequestError, ConflictError, ForbiddenError, ValidationError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { sendEmail } from "@/lib/email/send-email";
import { confirmEmailChangeMessage, emailChangedMessage, emailChangeTakenMessage } from "@/lib/email/templates";
import { logger } from "@/lib/logger";
import { emailField, normaliseEmail } from "./email-address";
import { consumeEmailChangeLink, invalidateEmailLinks, issueEmailLink } from "./email-links";
import { assertCurrentPassword, loadUser } from "./load-user";

const INVALID_LINK = "This link is invalid, used or expired. Sign in with your current address and ask for a new one from your settings.";

/**
 * Step one of an email change: re-authenticates with the current password, then mails a single-use
 * link to the new address. The answer is the same whether or not that address already has an
 * account: if it does, it gets a "someone tried" note instead of the link. Both paths send exactly
 * one mail to the new address and let a mail failure surface (503) the same way, so neither the
 * answer nor its status can tell them apart.
 */
export async function requestEmailChange(
  db: Database,
  actor: Actor,
  context: AuditContext,
  input: { currentPassword: string; newEmail: string },
): Promise<{ newEmail: string }> {
  if (!can(actor, "account:manage-own")) throw new ForbiddenError();
  // Like API tokens: whoever holds a token must not be able to move the account to their own mailbox.
  if (actor.via !== "session") throw new ForbiddenError("Your email address can only be changed from a signed-in session.");
  const user = await loadUser(db, actor.userId);
  await assertCurrentPassword(user, input.currentPassword);

  const parsed = emailField.safeParse(input.newEmail);
  if (!parsed.success) throw new ValidationError("newEmail", parsed.error.issues[0]?.message ?? "Enter a valid email address.");
  const newEmail = parsed.data;
  if (newEmail === normaliseEmail(user.email)) {
    throw new ValidationError("newEmail", "This is already your email address. Enter the new address you want to use.");
  }

  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, newEmail), ne(users.id, user.id)));

  if (taken) {
    await db.transaction(async (tx) => {
      // As on the normal path, a newer request replaces any link still outstanding.
      await invalidateEmailLinks(tx, user.id, "change-email");
      await recordAuditEvent(tx, context, {
        action: "account.email-change-requested",
        resourceType: "user",
        resourceId: user.id,
        outcome: "denied",
        metadata: { reason: "email-in-use" },
      });
    });
    await sendEmail(emailChangeTakenMessage(newEmail));
    return { newEmail };
  }

  const link = await db.transaction(async (tx) => {
    await recordAuditEvent(tx, context, { action: "account.email-change-requested", resourceType: "user", resourceId: user.id });
    return issueEmailLink(tx, user.id, "change-email", newEmail);
  });
  await sendEmail(confirmEmailChangeMessage(newEmail, user.name, link));
  return { newEmail };
}

/**
 * Step two, from the link (possibly on another device, without a session): the new address becomes
 * the account's email, confirmed, and every session ends. The old address is told afterwards.
 */
export async function confirmEmailChange(db: Database, context: AuditContext, token: string): Promise<void> {
  let attempted: { userId: string; organisationId: string } | undefined;
  let changed: { oldEmail: string; newEmail: string; name: string; userId: string };
  try {
    changed = await db.transaction(async (tx) => {
      const link = await consumeEmailChangeLink(tx, token);
      if (!link) throw new BadRequestError(INVALID_LINK, { code: "INVALID_TOKEN", field: "token" });
      const [user] = await tx.select().from(users).where(eq(users.id, link.userId)).for("update");
      if (!user || user.disabledAt) throw new BadRequestError(INVALID_LINK, { code: "INVALID_TOKEN", field: "token" });
      attempted = { userId: user.id, organisationId: user.organisationId };
      try {
        await tx
          .update(users)
          .set({ email: link.newEmail, emailVerifiedAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` })
          .where(eq(users.id, user.id));
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError("Another TenantLens account now uses this address, so it cannot become yours. Sign in with your current address and choose another.", { code: "EMAIL_IN_USE" });
        }
        throw error;
      }
      // Ids only: neither address goes into the audit log.
      await recordAuditEvent(tx, { ...context, actorType: "user", actorId: user.id, organisationId: user.organisationId }, {
        action: "account.email-changed",
        resourceType: "user",
        resourceId: user.id,
        metadata: { via: "email-link", sessionsEnded: true },
      });
      return { oldEmail: user.email, newEmail: link.newEmail, name: user.name, userId: user.id };
    });
  } catch (error) {
    // The change rolled back (the link with it, so it still works if the address frees up); keep a record.
    if (error instanceof ConflictError && attempted) {
      await recordAuditEvent(db, { ...context, actorType: "user", actorId: attempted.userId, organisationId: attempted.organisationId }, {
        action: "account.email-changed",
        resourceType: "user",
        resourceId: attempted.userId,
        outcome: "denied",
        metadata: { reason: "email-in-use" },
      });
    }
    throw error;
  }

  // The change is done; a mail failure must not turn it into an error.
  await sendEmail(emailChangedMessage(changed.oldEmail, changed.name, changed.newEmail)).catch((error: unknown) => {
    logger.warn({ userId: changed.userId, err: error instanceof Error ? error.name : "unknown" }, "email-changed notice not sent");
  });
}

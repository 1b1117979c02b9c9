import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { organisations, users } from "@/db/schema";
import { isUniqueViolation } from "@/db/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { assertAcceptablePassword, hashPassword, verifyAgainstDecoy } from "@/lib/auth/password";
import { sendEmail } from "@/lib/email/send-email";
import { verifyEmailMessage } from "@/lib/email/templates";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { emailField } from "./email-address";
import { issueEmailLink } from "./email-links";

export const registrationSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(120, "Use at most 120 characters."),
    email: emailField,
    password: z.string(),
    accountType: z.enum(["landlord", "agency"], { message: 'Choose "landlord" or "agency".' }),
    organisationName: z.string().trim().max(160, "Use at most 160 characters.").optional(),
  })
  .superRefine((value, context) => {
    if (value.accountType === "agency" && !value.organisationName) {
      context.addIssue({ code: "custom", path: ["organisationName"], message: "Enter the agency's name." });
    }
  });

export type RegistrationInput = z.infer<typeof registrationSchema>;

/**
 * Creates the organisation and its first member (an agency's first member is its Property Manager)
 * and mails a verification link. The outcome looks the same whether or not the email already had an
 * account: the existing owner gets a "someone tried to register" note instead.
 */
export async function registerAccount(db: Database, context: AuditContext, input: RegistrationInput): Promise<void> {
  assertAcceptablePassword(input.password, [input.name, input.email, input.organisationName ?? ""]);

  const [existing] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, input.email));
  if (existing) {
    await verifyAgainstDecoy(input.password); // same work as a real registration, so timing says nothing either
    await recordAuditEvent(db, { ...context, actorType: "anonymous" }, {
      action: "account.register",
      resourceType: "user",
      resourceId: existing.id,
      outcome: "denied",
      metadata: { reason: "email-in-use" },
    });
    await sendEmail({
      to: input.email,
      subject: "Someone tried to register with your email",
      text: `Someone tried to create a TenantLens account with this email address, which already has one.\n\nIf it was you, sign in at ${new URL("/sign-in", env.APP_URL).toString()} or reset your password there.`,
    }).catch(() => undefined);
    return;
  }

  const passwordHash = await hashPassword(input.password);
  const created = await db.transaction(async (tx) => {
    const [organisation] = await tx
      .insert(organisations)
      .values({
        name: input.accountType === "agency" ? (input.organisationName ?? input.name) : input.name,
        kind: input.accountType === "agency" ? "agency" : "individual",
      })
      .returning({ id: organisations.id });
    if (!organisation) throw new Error("organisation insert returned no row");
    const [user] = await tx
      .insert(users)
      .values({
        organisationId: organisation.id,
        role: input.accountType === "agency" ? "property_manager" : "landlord",
        name: input.name,
        email: input.email,
        passwordHash,
      })
      .returning({ id: users.id });
    if (!user) throw new Error("user insert returned no row");
    await recordAuditEvent(tx, { ...context, actorId: user.id, actorType: "user", organisationId: organisation.id }, {
      action: "account.register",
      resourceType: "user",
      resourceId: user.id,
      metadata: { accountType: input.accountType },
    });
    return { userId: user.id, link: await issueEmailLink(tx, user.id, "verify-email") };
  }).catch((error: unknown) => {
    // A concurrent registration with the same email won the race: answer exactly as for an existing account.
    if (isUniqueViolation(error)) return undefined;
    throw error;
  });
  if (!created) return;
  const { userId, link } = created;

  // The account exists even if mail is down; the user can ask for a new link from the sign-in page.
  await sendEmail(verifyEmailMessage(input.email, input.name, link)).catch((error: unknown) => {
    logger.warn({ userId, err: error instanceof Error ? error.name : "unknown" }, "verification email not sent");
  });
}

import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbExecutor } from "@/db/client";
import { organisations, users } from "@/db/schema";
import { ConflictError, ForbiddenError } from "@/lib/api/errors";
import { emailField } from "@/lib/accounts/email-address";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { assertAcceptablePassword, hashPassword } from "@/lib/auth/password";
import { can, type Actor } from "@/lib/auth/permissions";

export const INTERNAL_ORGANISATION_NAME = "TenantLens staff";

export const staffUserSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(120),
  email: emailField,
  role: z.enum(["admin", "support_agent"], { message: 'Choose "admin" or "support_agent".' }),
  password: z.string(),
});

async function internalOrganisationId(tx: DbExecutor): Promise<string> {
  const [existing] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, "internal")).limit(1);
  if (existing) return existing.id;
  const [created] = await tx.insert(organisations).values({ name: INTERNAL_ORGANISATION_NAME, kind: "internal" }).returning({ id: organisations.id });
  if (!created) throw new Error("organisation insert returned no row");
  return created.id;
}

/**
 * Admins and Support Agents exist only through this: an Admin in the UI, or `npm run create-admin` on
 * the server (actor undefined). They must enrol MFA at first sign-in before doing anything else.
 */
export async function createStaffUser(db: DbExecutor, actor: Actor | undefined, context: AuditContext, input: z.infer<typeof staffUserSchema>) {
  if (actor && !can(actor, "user:manage")) throw new ForbiddenError();
  assertAcceptablePassword(input.password, [input.name, input.email]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, input.email));
    if (existing) throw new ConflictError("A user with this email already exists.", { code: "EMAIL_IN_USE", field: "email" });
    const organisationId = await internalOrganisationId(tx);
    const [user] = await tx
      .insert(users)
      .values({ organisationId, role: input.role, name: input.name, email: input.email, passwordHash, emailVerifiedAt: new Date() })
      .returning({ id: users.id });
    if (!user) throw new Error("user insert returned no row");
    await recordAuditEvent(tx, context, { action: "admin.create-staff-user", resourceType: "user", resourceId: user.id, metadata: { role: input.role } });
    return { id: user.id };
  });
}

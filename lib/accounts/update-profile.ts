import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { organisations, users } from "@/db/schema";
import { ForbiddenError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";

export const profileSchema = z.object({ name: z.string().trim().min(1, "Enter your name.").max(120, "Use at most 120 characters.") });

export async function getProfile(db: Database, actor: Actor) {
  if (!can(actor, "account:manage-own")) throw new ForbiddenError();
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerified: users.emailVerifiedAt,
      mfaEnabled: users.totpEnabledAt,
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, actor.userId));
  if (!row) throw new ForbiddenError();
  return { ...row, emailVerified: Boolean(row.emailVerified), mfaEnabled: Boolean(row.mfaEnabled) };
}

export async function updateProfile(db: Database, actor: Actor, context: AuditContext, input: z.infer<typeof profileSchema>) {
  if (!can(actor, "account:manage-own")) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name: input.name }).where(eq(users.id, actor.userId));
    await recordAuditEvent(tx, context, { action: "account.update-profile", resourceType: "user", resourceId: actor.userId });
  });
}

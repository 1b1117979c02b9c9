import { and, desc, eq, ilike, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { organisations, userRole, users } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, isStaff, type Actor } from "@/lib/auth/permissions";

export const userSearchSchema = z.object({ q: z.string().trim().max(120).optional(), page: z.coerce.number().int().min(1).max(1000).default(1) });
export const adminUserUpdateSchema = z
  .object({ disabled: z.boolean().optional(), role: z.enum(userRole.enumValues).optional() })
  .refine((value) => value.disabled !== undefined || value.role !== undefined, { message: "Send disabled and/or role." });

const PAGE_SIZE = 50;

/** Escapes LIKE wildcards so a search for "a_b" means exactly that. */
export function likePattern(term: string) {
  return `%${term.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

export async function listUsers(db: Database, actor: Actor, query: z.infer<typeof userSearchSchema>) {
  if (!can(actor, "user:manage")) throw new ForbiddenError();
  const filter: SQL | undefined = query.q ? or(ilike(users.email, likePattern(query.q)), ilike(users.name, likePattern(query.q))) : undefined;
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      organisationId: users.organisationId,
      organisationName: organisations.name,
      disabledAt: users.disabledAt,
      mfaEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(filter)
    .orderBy(desc(users.createdAt))
    .limit(PAGE_SIZE)
    .offset((query.page - 1) * PAGE_SIZE);
}

/** Disabling, enabling or a role change ends the user's sessions at once. */
export async function updateUserAsAdmin(db: Database, actor: Actor, context: AuditContext, userId: string, input: z.infer<typeof adminUserUpdateSchema>) {
  if (!can(actor, "user:manage")) throw new ForbiddenError();
  if (userId === actor.userId) throw new ConflictError("Ask another admin to change your own account.", { code: "SELF_CHANGE" });
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ user: users, organisationKind: organisations.kind })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(users.id, userId));
    if (!row) throw new NotFoundError("User");
    const { user } = row;
    if (input.role && input.role !== user.role) {
      // Staff live in the internal organisation and customers in theirs: a role change never moves a
      // person across that line (a customer made staff would read every conversation).
      if (isStaff(input.role) !== (row.organisationKind === "internal")) {
        throw new ValidationError("role", row.organisationKind === "internal" ? "Staff can only be an admin or a support agent." : "A customer can only be a landlord or a property manager.");
      }
      if (row.organisationKind === "individual" && input.role === "property_manager") throw new ValidationError("role", "A solo landlord's account has no agency to manage.");
      if (user.role === "property_manager" && !user.disabledAt) await assertAnotherManagerRemains(tx, user.organisationId, user.id);
    }
    if (input.disabled && user.role === "property_manager" && !user.disabledAt) await assertAnotherManagerRemains(tx, user.organisationId, user.id);
    await tx
      .update(users)
      .set({
        ...(input.role ? { role: input.role } : {}),
        ...(input.disabled === undefined ? {} : { disabledAt: input.disabled ? new Date() : null }),
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, userId));
    await recordAuditEvent(tx, context, {
      action: "admin.update-user",
      resourceType: "user",
      resourceId: userId,
      metadata: { ...(input.role ? { from: user.role, to: input.role } : {}), ...(input.disabled === undefined ? {} : { disabled: input.disabled }) },
    });
  });
}

export async function revokeUserSessions(db: Database, actor: Actor, context: AuditContext, userId: string) {
  if (!can(actor, "user:manage")) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    const [user] = await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId)).returning({ id: users.id });
    if (!user) throw new NotFoundError("User");
    await recordAuditEvent(tx, context, { action: "admin.revoke-sessions", resourceType: "user", resourceId: userId });
  });
}

/** An agency keeps at least one active Property Manager, whoever changes the members. */
async function assertAnotherManagerRemains(tx: Transaction, organisationId: string, userId: string) {
  const others = await tx.$count(users, and(eq(users.organisationId, organisationId), eq(users.role, "property_manager"), isNull(users.disabledAt), ne(users.id, userId)));
  if (others === 0) throw new ConflictError("The agency needs at least one Property Manager.", { code: "LAST_MANAGER" });
}

import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { users } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { MEMBER_ROLES } from "./invite-member";

export const changeRoleSchema = z.object({ role: z.enum(MEMBER_ROLES, { message: 'Choose "landlord" or "property_manager".' }) });

async function memberOfActorsOrganisation(tx: Transaction, actor: Actor, memberId: string) {
  const [member] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, memberId), eq(users.organisationId, actor.organisationId), isNull(users.disabledAt)));
  if (!member) throw new NotFoundError("Member");
  return member;
}

/** An agency must keep at least one active Property Manager. */
async function assertAnotherManagerRemains(tx: Transaction, actor: Actor, memberId: string) {
  const others = await tx.$count(
    users,
    and(eq(users.organisationId, actor.organisationId), eq(users.role, "property_manager"), isNull(users.disabledAt), ne(users.id, memberId)),
  );
  if (others === 0) throw new ConflictError("The agency needs at least one Property Manager.", { code: "LAST_MANAGER" });
}

/** A role change takes effect at once: the member's sessions end and they sign in with the new role. */
export async function changeMemberRole(db: Database, actor: Actor, context: AuditContext, memberId: string, role: (typeof MEMBER_ROLES)[number]) {
  if (!can(actor, "org:manage-members")) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    const member = await memberOfActorsOrganisation(tx, actor, memberId);
    if (member.role === role) return;
    if (member.role === "property_manager") await assertAnotherManagerRemains(tx, actor, memberId);
    await tx.update(users).set({ role, sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, memberId));
    await recordAuditEvent(tx, context, { action: "org.change-member-role", resourceType: "user", resourceId: memberId, metadata: { from: member.role, to: role } });
  });
}

/** Removal disables the account (its enquiries stay with the agency) and ends its sessions. */
export async function removeMember(db: Database, actor: Actor, context: AuditContext, memberId: string) {
  if (!can(actor, "org:manage-members")) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    const member = await memberOfActorsOrganisation(tx, actor, memberId);
    if (member.role === "property_manager") await assertAnotherManagerRemains(tx, actor, memberId);
    await tx.update(users).set({ disabledAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, memberId));
    await recordAuditEvent(tx, context, { action: "org.remove-member", resourceType: "user", resourceId: memberId });
  });
}

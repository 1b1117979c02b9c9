import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, users } from "@/db/schema";
import { ForbiddenError } from "@/lib/api/errors";
import { can, type Actor } from "@/lib/auth/permissions";

export type InvitationStatus = "pending" | "expired";

/**
 * Invitations of the caller's organisation that were neither accepted nor revoked, newest first. An
 * expired one stays listed (as "expired") until it is resent or revoked.
 */
export async function listInvitations(db: Database, actor: Actor) {
  if (!can(actor, "org:manage-members")) throw new ForbiddenError();
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      invitedBy: users.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.organisationId, actor.organisationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
  const now = Date.now();
  return rows.map((row) => {
    const status: InvitationStatus = row.expiresAt.getTime() > now ? "pending" : "expired";
    return { ...row, status };
  });
}

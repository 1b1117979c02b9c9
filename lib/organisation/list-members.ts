import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { ForbiddenError } from "@/lib/api/errors";
import { can, type Actor } from "@/lib/auth/permissions";
import { listInvitations } from "./list-invitations";

/** Members of the caller's own organisation; open invitations (see listInvitations) only for those who manage members. */
export async function listMembers(db: Database, actor: Actor) {
  if (!can(actor, "org:read-members")) throw new ForbiddenError();
  const members = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, disabledAt: users.disabledAt, lastLoginAt: users.lastLoginAt })
    .from(users)
    .where(eq(users.organisationId, actor.organisationId))
    .orderBy(asc(users.name));
  const pending = can(actor, "org:manage-members") ? await listInvitations(db, actor) : [];
  return { members, invitations: pending };
}

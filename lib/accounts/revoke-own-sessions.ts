import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { ForbiddenError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";

/** "Sign out everywhere": every session token issued so far stops working on its next request. */
export async function revokeOwnSessions(db: Database, actor: Actor, context: AuditContext) {
  if (!can(actor, "account:manage-own")) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, actor.userId));
    await recordAuditEvent(tx, context, { action: "account.revoke-sessions", resourceType: "user", resourceId: actor.userId });
  });
}

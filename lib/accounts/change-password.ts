import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { assertAcceptablePassword, hashPassword } from "@/lib/auth/password";
import { can, type Actor } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/api/errors";
import { assertCurrentPassword, loadUser } from "./load-user";

/** Changing the password ends every other session too: the session version moves on. */
export async function changePassword(db: Database, actor: Actor, context: AuditContext, input: { currentPassword: string; newPassword: string }) {
  if (!can(actor, "account:manage-own")) throw new ForbiddenError();
  const user = await loadUser(db, actor.userId);
  await assertCurrentPassword(user, input.currentPassword);
  assertAcceptablePassword(input.newPassword, [user.name, user.email], "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, user.id));
    await recordAuditEvent(tx, context, { action: "account.change-password", resourceType: "user", resourceId: user.id });
  });
}

import type { Database } from "@/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { endSession } from "./end-sessions";

/** "Sign out this device" from settings; someone else's or an already ended session is not found. */
export async function endOwnSession(db: Database, actor: Actor, context: AuditContext, sessionId: string): Promise<void> {
  if (!can(actor, "account:manage-own")) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    if (!(await endSession(tx, actor.userId, sessionId))) throw new NotFoundError("Session");
    await recordAuditEvent(tx, context, { action: "account.end-session", resourceType: "session", resourceId: sessionId });
  });
}

import { and, isNotNull, lt, or } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { userSessions } from "@/db/schema";

/**
 * How long an ended or idle session row is kept. Sign-ins and sign-outs are in the audit log for good;
 * this row only serves the device list and the live-session check, which never need anything this old.
 */
export const SESSION_ROW_RETENTION_DAYS = 30;

/** Deletes session rows ended, or last seen, more than the retention period ago; returns how many. */
export async function pruneSessions(db: DbExecutor, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - SESSION_ROW_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const deleted = await db
    .delete(userSessions)
    .where(or(and(isNotNull(userSessions.revokedAt), lt(userSessions.revokedAt, cutoff)), lt(userSessions.lastSeenAt, cutoff)))
    .returning({ id: userSessions.id });
  return deleted.length;
}

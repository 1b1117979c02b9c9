import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { userSessions, users } from "@/db/schema";
import { SESSION_MAX_AGE_SECONDS } from "@/auth.config";

/** A session counts as live while its JWT could still be valid: seen within the sliding lifetime. */
export function liveSessionSince(now = new Date()): Date {
  return new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000);
}

/** Not revoked, issued under the user's current session version, and not idle past the JWT lifetime. */
export function isLiveSession(now = new Date()) {
  return and(isNull(userSessions.revokedAt), eq(userSessions.sessionVersion, users.sessionVersion), gt(userSessions.lastSeenAt, liveSessionSince(now)));
}

const LAST_SEEN_PRECISION_MS = 60_000;

/**
 * True when `sessionId` is one of the user's live sessions. Records when it was last seen, at most once a
 * minute, so every authenticated request does not become a write.
 */
export async function touchLiveSession(db: DbExecutor, userId: string, sessionId: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isLiveSession(now)));
  if (!row) return false;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS) {
    await db.update(userSessions).set({ lastSeenAt: sql`now()` }).where(eq(userSessions.id, sessionId));
  }
  return true;
}

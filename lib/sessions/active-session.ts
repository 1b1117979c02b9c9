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

/** Records that a live session was used, at most once a minute, so every request does not become a write. */
export async function recordSessionSeen(db: DbExecutor, sessionId: string, lastSeenAt: Date, now = new Date()): Promise<void> {
  if (now.getTime() - lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS) {
    await db.update(userSessions).set({ lastSeenAt: sql`now()` }).where(eq(userSessions.id, sessionId));
  }
}

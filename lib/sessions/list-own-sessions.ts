import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { userSessions, users } from "@/db/schema";
import { ForbiddenError } from "@/lib/api/errors";
import { can, type Actor } from "@/lib/auth/permissions";
import { isLiveSession } from "./active-session";
import { describeDevice } from "./describe-device";

export interface SessionSummary {
  id: string;
  userAgent: string | null;
  /** The user agent in words ("Chrome on Windows"). */
  device: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

/** The signed-in browsers of the caller, newest activity first, marking the one asking. */
export async function listOwnSessions(db: Database, actor: Actor): Promise<SessionSummary[]> {
  if (!can(actor, "account:manage-own")) throw new ForbiddenError();
  const rows = await db
    .select({ id: userSessions.id, userAgent: userSessions.userAgent, createdAt: userSessions.createdAt, lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.userId, actor.userId), isLiveSession()))
    .orderBy(desc(userSessions.lastSeenAt));
  return rows.map((row) => ({
    id: row.id,
    userAgent: row.userAgent,
    device: describeDevice(row.userAgent),
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    current: row.id === actor.sessionId,
  }));
}

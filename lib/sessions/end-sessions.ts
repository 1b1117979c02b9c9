import { and, eq, isNull, ne } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { userSessions } from "@/db/schema";

/** Ends one browser session (sign-out); the JWT in that browser, or any copy of it, stops working. */
export async function endSession(db: DbExecutor, userId: string, sessionId: string): Promise<boolean> {
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return ended.length > 0;
}

/** Ends every session of the user except `keepSessionId` (the one making the change), returning how many ended. */
export async function endOtherSessions(db: DbExecutor, userId: string, keepSessionId: string | undefined): Promise<number> {
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), keepSessionId ? ne(userSessions.id, keepSessionId) : undefined))
    .returning({ id: userSessions.id });
  return ended.length;
}

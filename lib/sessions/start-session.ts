import type { DbExecutor } from "@/db/client";
import { userSessions } from "@/db/schema";

const USER_AGENT_LENGTH = 200;

/** Called inside the sign-in transaction: the returned id goes into the JWT as `sid`. */
export async function startSession(tx: DbExecutor, user: { id: string; sessionVersion: number }, userAgent: string | null | undefined): Promise<string> {
  const [session] = await tx
    .insert(userSessions)
    .values({ userId: user.id, sessionVersion: user.sessionVersion, userAgent: userAgent?.slice(0, USER_AGENT_LENGTH) ?? null })
    .returning({ id: userSessions.id });
  if (!session) throw new Error("session insert returned no row");
  return session.id;
}

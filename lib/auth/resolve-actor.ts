import { getToken } from "next-auth/jwt";
import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { apiTokens, organisations, userSessions, users } from "@/db/schema";
import { env } from "@/lib/env";
import type { Actor } from "./permissions";
import { z } from "zod";
import { isLiveSession, recordSessionSeen } from "@/lib/sessions/active-session";
import { hashSecretToken } from "./secret-tokens";
import { sessionCookieName } from "./session-cookie";

export const API_TOKEN_PREFIX = "tl_pat_";

export interface ResolvedActor extends Actor {
  mfaEnrolled: boolean;
  emailVerified: boolean;
}

/**
 * Who is calling, from the request alone (Web-standard Request, so it runs anywhere): a bearer API
 * token, or else the Auth.js session cookie. Either way the user is re-read from the database, so a
 * disabled user, a disabled organisation or a bumped session version is refused at once.
 */
export async function resolveActor(db: DbExecutor, request: Request): Promise<ResolvedActor | undefined> {
  const authorization = request.headers.get("authorization");
  if (authorization?.startsWith("Bearer ")) return actorFromApiToken(db, authorization.slice("Bearer ".length).trim());
  const cookie = request.headers.get("cookie");
  if (!cookie) return undefined;
  // Only the cookie: getToken would otherwise also try to read the Authorization header as a JWT.
  const token = await getToken({
    req: new Request("http://session.local", { headers: { cookie } }),
    secret: env.AUTH_SECRET,
    cookieName: sessionCookieName(),
    salt: sessionCookieName(),
    secureCookie: env.APP_URL.startsWith("https://"),
  });
  if (!token?.uid || token.sv === undefined || !isUuid(token.sid)) return undefined;
  return actorFromSession(db, token.uid, token.sv, token.sid);
}

/** The JWT alone is not enough: its session must still be live (not signed out, ended or superseded). */
export async function actorFromSession(db: DbExecutor, userId: string, sessionVersion: number, sessionId: string): Promise<ResolvedActor | undefined> {
  // One query on every request: the user, their organisation and this session, all still active.
  const [row] = await db
    .select({ user: users, lastSeenAt: userSessions.lastSeenAt })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .innerJoin(userSessions, and(eq(userSessions.id, sessionId), eq(userSessions.userId, users.id)))
    .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion), isNull(users.disabledAt), isNull(organisations.disabledAt), isLiveSession()));
  if (!row) return undefined;
  await recordSessionSeen(db, sessionId, row.lastSeenAt);
  return { ...toActor(row.user, "session"), sessionId };
}

function isUuid(value: unknown): value is string {
  return z.uuid().safeParse(value).success;
}

async function actorFromApiToken(db: DbExecutor, secret: string): Promise<ResolvedActor | undefined> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return undefined;
  const now = new Date();
  const [token] = await db
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, await hashSecretToken(secret)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  if (!token) return undefined;
  const user = await loadActiveUser(db, token.userId);
  if (!user) return undefined;
  // Recording every use would turn each API read into a write; a minute's precision is enough.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, token.id));
  }
  return { ...toActor(user, "api-token"), tokenId: token.id };
}

async function loadActiveUser(db: DbExecutor, userId: string) {
  const [row] = await db
    .select({ user: users })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.id, userId), isNull(users.disabledAt), isNull(organisations.disabledAt)));
  return row?.user;
}

function toActor(user: typeof users.$inferSelect, via: Actor["via"]): ResolvedActor {
  return {
    userId: user.id,
    organisationId: user.organisationId,
    role: user.role,
    via,
    mfaEnrolled: Boolean(user.totpEnabledAt),
    emailVerified: Boolean(user.emailVerifiedAt),
  };
}

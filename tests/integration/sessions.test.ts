import nodemailer from "nodemailer";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { userSessions, users } from "@/db/schema";
import { pruneSessions } from "@/lib/sessions/prune-sessions";
import { currentTotpCode } from "@/lib/auth/totp";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { GET as getAccount } from "@/app/api/account/route";
import { GET as listSessions } from "@/app/api/account/sessions/route";
import { DELETE as endSession } from "@/app/api/account/sessions/[id]/route";
import { POST as changePassword } from "@/app/api/account/password/route";
import { POST as startMfa, DELETE as disableMfa } from "@/app/api/account/mfa/route";
import { POST as confirmMfa } from "@/app/api/account/mfa/confirm/route";
import { POST as forgotPassword } from "@/app/api/auth/forgot-password/route";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { apiRequest, callRoute, createFixture, FIXTURE_PASSWORD, sessionCookie, type Fixture, type FixtureUser } from "../helpers/app-fixtures";
import { mailsTo } from "../helpers/mail";

let db: Database;
let fixture: Fixture;

beforeAll(async () => {
  db = await getDb();
  fixture = await createFixture(db);
});

async function freshUser(): Promise<FixtureUser> {
  const email = `session-${crypto.randomUUID().slice(0, 8)}@fixture.tenantlens.test`;
  const [template] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, fixture.users.landlord.id));
  const [user] = await db
    .insert(users)
    .values({ organisationId: fixture.agencyId, role: "landlord", name: "Session Tester", email, passwordHash: template?.passwordHash ?? "", emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  if (!user) throw new Error("user not created");
  return { key: "fresh", id: user.id, organisationId: fixture.agencyId, role: "landlord", email };
}

const account = (cookie: string) => callRoute(getAccount, apiRequest("/api/account", { cookie }));
const sessionsOf = async (cookie: string) =>
  ((await (await callRoute(listSessions, apiRequest("/api/account/sessions", { cookie }))).json()) as { sessions: { id: string; current: boolean; userAgent: string | null }[] }).sessions;

/** Auth.js's own cookies from a response, as a browser would keep them. */
function cookiesFrom(response: Response, jar = new Map<string, string>()): Map<string, string> {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return jar;
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/** The standard credentials flow a browser or a script uses: /api/auth/csrf, then the callback. */
async function signInThroughAuthJs(email: string, userAgent: string): Promise<Map<string, string>> {
  const csrfResponse = await authGet(apiRequest("/api/auth/csrf", { headers: { "user-agent": userAgent } }) as never);
  const jar = cookiesFrom(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const body = new URLSearchParams({ email, password: FIXTURE_PASSWORD, csrfToken, callbackUrl: "http://localhost:3000/dashboard" });
  const response = await authPost(
    apiRequest("/api/auth/callback/credentials", {
      method: "POST",
      body: body.toString(),
      cookie: cookieHeader(jar),
      headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": userAgent },
    }) as never,
  );
  cookiesFrom(response, jar);
  if (!jar.get(sessionCookieName())) throw new Error(`sign-in did not set a session cookie (status ${response.status})`);
  return jar;
}

async function signOutThroughAuthJs(jar: Map<string, string>): Promise<void> {
  const csrfResponse = await authGet(apiRequest("/api/auth/csrf", { cookie: cookieHeader(jar) }) as never);
  cookiesFrom(csrfResponse, jar);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await authPost(
    apiRequest("/api/auth/signout", {
      method: "POST",
      body: new URLSearchParams({ csrfToken, callbackUrl: "http://localhost:3000/" }).toString(),
      cookie: cookieHeader(jar),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }) as never,
  );
  expect(response.status).toBeLessThan(400);
}

describe("one session at a time", () => {
  it("signing out ends that session for good, even for a copy of its cookie, and leaves the user's other devices signed in", async () => {
    const user = await freshUser();
    const laptop = await signInThroughAuthJs(user.email, "Laptop browser");
    const phone = await signInThroughAuthJs(user.email, "Phone browser");
    const copied = `${sessionCookieName()}=${laptop.get(sessionCookieName())}`;
    expect((await account(copied)).status).toBe(200);

    await signOutThroughAuthJs(laptop);

    expect((await account(copied)).status).toBe(401);
    const phoneCookie = `${sessionCookieName()}=${phone.get(sessionCookieName())}`;
    expect((await account(phoneCookie)).status).toBe(200);
    expect((await sessionsOf(phoneCookie)).map((session) => session.userAgent)).toEqual(["Phone browser"]);
  });

  it("lists the user's devices, marks this one, and ends another by id; someone else's session is not found", async () => {
    const user = await freshUser();
    const here = await sessionCookie(user);
    const elsewhere = await sessionCookie(user);
    const listed = await sessionsOf(here);
    expect(listed).toHaveLength(2);
    expect(listed.filter((session) => session.current)).toHaveLength(1);
    const other = listed.find((session) => !session.current);
    if (!other) throw new Error("the other session is not listed");

    const stranger = await sessionCookie(fixture.users.landlord2);
    const refused = await callRoute(endSession, apiRequest(`/api/account/sessions/${other.id}`, { method: "DELETE", cookie: stranger }), { id: other.id });
    expect(refused.status).toBe(404);
    expect((await account(elsewhere)).status).toBe(200);

    const ended = await callRoute(endSession, apiRequest(`/api/account/sessions/${other.id}`, { method: "DELETE", cookie: here }), { id: other.id });
    expect(ended.status).toBe(204);
    expect((await account(elsewhere)).status).toBe(401);
    expect((await account(here)).status).toBe(200);
    expect(await sessionsOf(here)).toHaveLength(1);
    const again = await callRoute(endSession, apiRequest(`/api/account/sessions/${other.id}`, { method: "DELETE", cookie: here }), { id: other.id });
    expect(again.status).toBe(404);
  });

  it("turning two-factor authentication off ends every other session and keeps this one", async () => {
    const user = await freshUser();
    const here = await sessionCookie(user);
    const started = await callRoute(startMfa, apiRequest("/api/account/mfa", { method: "POST", cookie: here, body: { currentPassword: FIXTURE_PASSWORD } }));
    const { secret } = (await started.json()) as { secret: string };
    expect((await callRoute(confirmMfa, apiRequest("/api/account/mfa/confirm", { method: "POST", cookie: here, body: { code: currentTotpCode(secret) } }))).status).toBe(200);
    const elsewhere = await sessionCookie(user);
    expect((await account(elsewhere)).status).toBe(200);

    const code = currentTotpCode(secret);
    const response = await callRoute(disableMfa, apiRequest("/api/account/mfa", { method: "DELETE", cookie: here, body: { currentPassword: FIXTURE_PASSWORD, code } }));
    expect(response.status).toBeLessThan(300);
    expect((await account(elsewhere)).status).toBe(401);
    expect((await account(here)).status).toBe(200);
  });
});

describe("session rows", () => {
  it("are deleted a month after they ended or were last used, and not before", async () => {
    const user = await freshUser();
    const day = 24 * 60 * 60 * 1000;
    const ago = (days: number) => new Date(Date.now() - days * day);
    const insert = (values: Partial<typeof userSessions.$inferInsert>) =>
      db.insert(userSessions).values({ userId: user.id, sessionVersion: 1, ...values }).returning({ id: userSessions.id });
    const [endedLongAgo] = await insert({ createdAt: ago(40), lastSeenAt: ago(35), revokedAt: ago(35) });
    const [idleLongAgo] = await insert({ createdAt: ago(60), lastSeenAt: ago(31) });
    const [endedRecently] = await insert({ createdAt: ago(40), lastSeenAt: ago(20), revokedAt: ago(20) });
    const [inUse] = await insert({ createdAt: ago(90), lastSeenAt: new Date() });

    await pruneSessions(db);

    const left = (await db.select({ id: userSessions.id }).from(userSessions).where(eq(userSessions.userId, user.id))).map((row) => row.id);
    expect(left.sort()).toEqual([endedRecently?.id, inUse?.id].sort());
    expect(left).not.toContain(endedLongAgo?.id);
    expect(left).not.toContain(idleLongAgo?.id);
  });
});

describe("re-authentication limits", () => {
  it("stops password guessing through the change-password form after five tries, even with the right password", async () => {
    const user = await freshUser();
    const cookie = await sessionCookie(user);
    const attempt = (currentPassword: string) =>
      callRoute(changePassword, apiRequest("/api/account/password", { method: "POST", cookie, body: { currentPassword, newPassword: "Granite-Protea-Rooibos-77" } }));
    for (let guess = 0; guess < 5; guess += 1) {
      const response = await attempt(`wrong-guess-${guess}`);
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { field: string } }).error.field).toBe("currentPassword");
    }
    const limited = await attempt(FIXTURE_PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account is not affected.
    const other = await freshUser();
    const otherCookie = await sessionCookie(other);
    const unaffected = await callRoute(changePassword, apiRequest("/api/account/password", { method: "POST", cookie: otherCookie, body: { currentPassword: "wrong", newPassword: "Granite-Protea-Rooibos-77" } }));
    expect(unaffected.status).toBe(422);
  });
});

describe("forgotten password during a mail outage", () => {
  const mailerHolder = globalThis as unknown as { tenantlensMailer?: nodemailer.Transporter };
  let workingMailer: nodemailer.Transporter | undefined;
  afterEach(() => {
    mailerHolder.tenantlensMailer = workingMailer;
  });

  it("answers an existing account exactly like an unknown one, so the answer cannot reveal who has an account", async () => {
    const user = await freshUser();
    workingMailer = mailerHolder.tenantlensMailer;
    // Nothing listens on port 1: every send fails, as during a provider outage.
    mailerHolder.tenantlensMailer = nodemailer.createTransport("smtp://127.0.0.1:1");
    const ask = async (email: string) => {
      const response = await callRoute(forgotPassword, apiRequest("/api/auth/forgot-password", { method: "POST", body: { email } }));
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const known = await ask(user.email);
    const unknown = await ask(`nobody-${crypto.randomUUID().slice(0, 6)}@fixture.tenantlens.test`);
    expect(known).toEqual(unknown);
    expect(known.status).toBe(202);
    expect(await mailsTo(user.email)).toEqual([]);
  });
});

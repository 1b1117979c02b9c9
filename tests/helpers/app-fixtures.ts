import { encode } from "next-auth/jwt";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { organisations, users, type UserRole } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { generateTotpSecret } from "@/lib/auth/totp";
import { createDataKey } from "@/lib/crypto/data-keys";
import { encryptField } from "@/lib/crypto/field-encryption";
import { startSession } from "@/lib/sessions/start-session";

export const FIXTURE_PASSWORD = "Fixture-Karoo-Sunset-88";

export interface FixtureUser {
  key: string;
  id: string;
  organisationId: string;
  role: UserRole;
  email: string;
  totpSecret?: string;
}

export const FIXTURE_USERS = ["manager", "landlord", "landlord2", "solo", "agent", "admin", "otherManager", "otherLandlord"] as const;
export type FixtureUserKey = (typeof FIXTURE_USERS)[number];

export interface Fixture {
  users: Record<FixtureUserKey, FixtureUser>;
  agencyId: string;
  otherAgencyId: string;
}

let passwordHash: Promise<string> | undefined;

/** Two agencies, a solo landlord and staff (with MFA enrolled, as their roles require). */
export async function createFixture(db: Database, tag = crypto.randomUUID().slice(0, 8)): Promise<Fixture> {
  passwordHash ??= hashPassword(FIXTURE_PASSWORD);
  const hash = await passwordHash;
  const [agency, otherAgency, solo, staff] = await db
    .insert(organisations)
    .values([
      { name: `Agency ${tag}`, kind: "agency" },
      { name: `Other agency ${tag}`, kind: "agency" },
      { name: `Solo ${tag}`, kind: "individual" },
      { name: `Staff ${tag}`, kind: "internal" },
    ])
    .returning({ id: organisations.id });
  if (!agency || !otherAgency || !solo || !staff) throw new Error("fixture organisations not created");
  const plan: Record<FixtureUserKey, { organisationId: string; role: UserRole }> = {
    manager: { organisationId: agency.id, role: "property_manager" },
    landlord: { organisationId: agency.id, role: "landlord" },
    landlord2: { organisationId: agency.id, role: "landlord" },
    solo: { organisationId: solo.id, role: "landlord" },
    agent: { organisationId: staff.id, role: "support_agent" },
    admin: { organisationId: staff.id, role: "admin" },
    otherManager: { organisationId: otherAgency.id, role: "property_manager" },
    otherLandlord: { organisationId: otherAgency.id, role: "landlord" },
  };
  const created = {} as Record<FixtureUserKey, FixtureUser>;
  for (const key of FIXTURE_USERS) {
    const { organisationId, role } = plan[key];
    const email = `${key.toLowerCase()}-${tag}@fixture.tenantlens.test`;
    const staffMember = role === "admin" || role === "support_agent";
    const totpSecret = staffMember ? generateTotpSecret() : undefined;
    const dataKeyId = totpSecret ? await createDataKey(db, "user") : null;
    const [user] = await db
      .insert(users)
      .values({
        organisationId,
        role,
        name: `${key} ${tag}`,
        email,
        passwordHash: hash,
        emailVerifiedAt: new Date(),
        dataKeyId,
        ...(dataKeyId && totpSecret
          ? { totpSecretEncrypted: await encryptField(db, dataKeyId, totpSecret, "users.totp_secret"), totpEnabledAt: new Date() }
          : {}),
      })
      .returning({ id: users.id });
    if (!user) throw new Error("fixture user not created");
    created[key] = { key, id: user.id, organisationId, role, email, totpSecret };
  }
  return { users: created, agencyId: agency.id, otherAgencyId: otherAgency.id };
}

/**
 * A session cookie exactly as Auth.js issues it after a credentials sign-in, with its user_sessions row.
 * Without a version, the user's current one (a fresh sign-in); with one, a token issued back then.
 */
export async function sessionCookie(user: Pick<FixtureUser, "id" | "role" | "organisationId">, sessionVersion?: number): Promise<string> {
  const db = await getDb();
  const [row] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, user.id));
  const version = sessionVersion ?? row?.sv ?? 1;
  const sid = await startSession(db, { id: user.id, sessionVersion: version }, "vitest");
  const name = sessionCookieName();
  const token = await encode({
    token: { sub: user.id, uid: user.id, sv: version, sid, role: user.role, org: user.organisationId },
    secret: process.env.AUTH_SECRET ?? "",
    salt: name,
    maxAge: 8 * 60 * 60,
  });
  return `${name}=${token}`;
}

let ipCounter = 0;

/** A request as a same-origin browser page would send it, from its own IP so rate limits do not mix. */
export function apiRequest(
  path: string,
  options: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string>; ip?: string } = {},
): Request {
  ipCounter += 1;
  const headers = new Headers(options.headers);
  headers.set("x-forwarded-for", options.ip ?? `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`);
  if (options.cookie) headers.set("cookie", options.cookie);
  if (options.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  if (!headers.has("sec-fetch-site")) headers.set("sec-fetch-site", "same-origin");
  return new Request(new URL(path, "http://localhost:3000"), {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
}

/** Any route handler, whatever its params type (a handler for [id] takes `{ id: string }`). */
export type RouteHandler = (request: Request, route: { params: Promise<never> }) => Promise<Response>;

export function callRoute(handler: RouteHandler, request: Request, params: Record<string, string> = {}): Promise<Response> {
  return handler(request, { params: Promise.resolve(params) as Promise<never> });
}

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { organisations, recoveryCodes as recoveryCodesTable, users } from "@/db/schema";
import { redeemRecoveryCode } from "@/lib/accounts/recovery-codes";
import { hashSecretToken } from "@/lib/auth/secret-tokens";
import { authenticateCredentials, failureDelayMs, SignInRefused } from "@/lib/accounts/authenticate-credentials";
import { currentTotpCode } from "@/lib/auth/totp";
import { POST as register } from "@/app/api/auth/register/route";
import { POST as verifyEmail } from "@/app/api/auth/verify-email/route";
import { POST as forgotPassword } from "@/app/api/auth/forgot-password/route";
import { POST as resetPassword } from "@/app/api/auth/reset-password/route";
import { GET as getAccount } from "@/app/api/account/route";
import { POST as changePassword } from "@/app/api/account/password/route";
import { POST as startMfa } from "@/app/api/account/mfa/route";
import { POST as confirmMfa } from "@/app/api/account/mfa/confirm/route";
import { POST as revokeSessions } from "@/app/api/account/sessions/revoke/route";
import { POST as createToken } from "@/app/api/account/tokens/route";
import { DELETE as revokeToken } from "@/app/api/account/tokens/[id]/route";
import { PATCH as changeRole, DELETE as removeMember } from "@/app/api/organisation/members/[id]/route";
import { POST as invite } from "@/app/api/organisation/invitations/route";
import { POST as acceptInvitation } from "@/app/api/invitations/accept/route";
import { PATCH as adminUpdateUser } from "@/app/api/admin/users/[id]/route";
import { GET as adminUsers } from "@/app/api/admin/users/route";
import { PATCH as adminUpdateOrganisation } from "@/app/api/admin/organisations/[id]/route";
import { apiRequest, callRoute, createFixture, FIXTURE_PASSWORD, sessionCookie, type Fixture, type FixtureUser } from "../helpers/app-fixtures";
import { linkIn, mailsTo, waitForMail } from "../helpers/mail";

const STRONG = "Granite-Protea-Rooibos-77";
const context = { actorType: "anonymous" as const, channel: "web" as const, ip: "127.0.0.1" };
const noDelay = () => Promise.resolve();

let db: Database;
let fixture: Fixture;

const cookieFor = (user: FixtureUser) => sessionCookie(user);

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; field?: string } }).error;
}

beforeAll(async () => {
  db = await getDb();
  fixture = await createFixture(db);
});

describe("registration and email verification", () => {
  it("registers a landlord, mails a single-use verification link, and verifies", async () => {
    const email = `reg-${crypto.randomUUID().slice(0, 8)}@fixture.tenantlens.test`;
    const response = await callRoute(register, apiRequest("/api/auth/register", { method: "POST", body: { name: "Lindiwe", email, password: STRONG, accountType: "landlord" } }));
    expect(response.status).toBe(202);
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user?.role).toBe("landlord");
    expect(user?.emailVerifiedAt).toBeNull();

    const token = linkIn(await waitForMail(email, /Confirm your email/)).searchParams.get("token") ?? "";
    expect((await callRoute(verifyEmail, apiRequest("/api/auth/verify-email", { method: "POST", body: { token } }))).status).toBe(200);
    const [verified] = await db.select().from(users).where(eq(users.email, email));
    expect(verified?.emailVerifiedAt).toBeInstanceOf(Date);

    const again = await callRoute(verifyEmail, apiRequest("/api/auth/verify-email", { method: "POST", body: { token } }));
    expect(again.status).toBe(400);
    expect(await errorOf(again)).toMatchObject({ code: "INVALID_TOKEN", field: "token" });
  });

  it("makes an agency's first member its Property Manager", async () => {
    const email = `agency-${crypto.randomUUID().slice(0, 8)}@fixture.tenantlens.test`;
    const response = await callRoute(register, apiRequest("/api/auth/register", {
      method: "POST",
      body: { name: "Thabo", email, password: STRONG, accountType: "agency", organisationName: "Highveld Rentals" },
    }));
    expect(response.status).toBe(202);
    const [row] = await db.select({ role: users.role, kind: organisations.kind, name: organisations.name }).from(users).innerJoin(organisations, eq(organisations.id, users.organisationId)).where(eq(users.email, email));
    expect(row).toEqual({ role: "property_manager", kind: "agency", name: "Highveld Rentals" });
  });

  it("answers a taken email exactly like a new one, and tells the owner instead", async () => {
    const body = { name: "Someone", email: fixture.users.solo.email, password: STRONG, accountType: "landlord" };
    const response = await callRoute(register, apiRequest("/api/auth/register", { method: "POST", body }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ message: "Check your email for a link to confirm your address." });
    await waitForMail(fixture.users.solo.email, /tried to register/);
    expect(await db.$count(users, eq(users.email, fixture.users.solo.email))).toBe(1);
  });

  it("refuses weak passwords and missing agency names with the field and the reason", async () => {
    const cases = [
      { body: { name: "A", email: "a@fixture.tenantlens.test", password: "short", accountType: "landlord" }, field: "password", message: /at least 12 characters/ },
      { body: { name: "A", email: "a@fixture.tenantlens.test", password: "password1234", accountType: "landlord" }, field: "password", message: /too common/ },
      { body: { name: "A", email: "not-an-email", password: STRONG, accountType: "landlord" }, field: "email", message: /valid email/ },
      { body: { name: "A", email: "a@fixture.tenantlens.test", password: STRONG, accountType: "agency" }, field: "organisationName", message: /agency's name/ },
      { body: { name: "A", email: "a@fixture.tenantlens.test", password: STRONG, accountType: "tenant" }, field: "accountType", message: /landlord/ },
    ];
    for (const { body, field, message } of cases) {
      const response = await callRoute(register, apiRequest("/api/auth/register", { method: "POST", body }));
      expect(response.status).toBe(422);
      const error = await errorOf(response);
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    }
  });
});

describe("signing in", () => {
  it("accepts the right password and refuses everything else with one generic reason", async () => {
    const user = fixture.users.landlord;
    await expect(authenticateCredentials(db, context, { email: user.email.toUpperCase(), password: FIXTURE_PASSWORD }, noDelay)).resolves.toMatchObject({ id: user.id, role: "landlord" });
    for (const attempt of [
      { email: user.email, password: "wrong-password-123" },
      { email: "nobody@fixture.tenantlens.test", password: FIXTURE_PASSWORD },
      { email: user.email },
    ]) {
      await expect(authenticateCredentials(db, context, attempt, noDelay)).rejects.toEqual(new SignInRefused("invalid_credentials"));
    }
  });

  it("slows down repeated failures on an account, then rate-limits it", async () => {
    const [user] = await db.insert(users).values({ organisationId: fixture.agencyId, role: "landlord", name: "Target", email: `limited-${crypto.randomUUID().slice(0, 6)}@fixture.tenantlens.test`, passwordHash: "x" }).returning();
    if (!user) throw new Error("no user");
    const delays: number[] = [];
    const record = (ms: number) => {
      delays.push(ms);
      return Promise.resolve();
    };
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const error = await authenticateCredentials(db, { ...context, ip: `10.9.9.${attempt}` }, { email: user.email, password: "wrong-password-123" }, record).catch((caught: unknown) => caught);
      outcomes.push(error instanceof SignInRefused ? error.reason : "signed-in");
    }
    expect(outcomes).toEqual(["invalid_credentials", "invalid_credentials", "invalid_credentials", "invalid_credentials", "invalid_credentials", "rate_limited"]);
    expect(delays).toEqual([0, 0, 0, 250, 500]);
    expect(failureDelayMs(20)).toBe(8_000);
  });

  it("asks for the TOTP code once MFA is on, refuses a replayed code, and accepts a recovery code once", async () => {
    const user = fixture.users.landlord2;
    const cookie = await cookieFor(user);
    const started = await callRoute(startMfa, apiRequest("/api/account/mfa", { method: "POST", cookie, body: { currentPassword: FIXTURE_PASSWORD } }));
    expect(started.status).toBe(200);
    const { secret, qrCodeDataUrl } = (await started.json()) as { secret: string; qrCodeDataUrl: string };
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const wrong = await callRoute(confirmMfa, apiRequest("/api/account/mfa/confirm", { method: "POST", cookie, body: { code: "000000" } }));
    expect(wrong.status).toBe(422);
    // Confirm with the previous step's code, so the current step is still unused for the sign-in below.
    const confirmed = await callRoute(confirmMfa, apiRequest("/api/account/mfa/confirm", { method: "POST", cookie, body: { code: currentTotpCode(secret, Date.now() - 30_000) } }));
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);

    const credentials = { email: user.email, password: FIXTURE_PASSWORD };
    await expect(authenticateCredentials(db, context, credentials, noDelay)).rejects.toEqual(new SignInRefused("totp_required"));
    const code = currentTotpCode(secret);
    await expect(authenticateCredentials(db, context, { ...credentials, totp: code }, noDelay)).resolves.toMatchObject({ id: user.id });
    await expect(authenticateCredentials(db, context, { ...credentials, totp: code }, noDelay)).rejects.toEqual(new SignInRefused("invalid_credentials"));
    const recovery = recoveryCodes[0] ?? "";
    await expect(authenticateCredentials(db, context, { ...credentials, totp: recovery }, noDelay)).resolves.toMatchObject({ id: user.id });
    await expect(authenticateCredentials(db, context, { ...credentials, totp: recovery }, noDelay)).rejects.toEqual(new SignInRefused("invalid_credentials"));

    // Stored keyed and bound to the user: neither the plain SHA-256 of a code nor another user's row matches it.
    const stored = await db.select({ codeHash: recoveryCodesTable.codeHash }).from(recoveryCodesTable).where(eq(recoveryCodesTable.userId, user.id));
    const plainHashes = await Promise.all(recoveryCodes.map((value) => hashSecretToken(value.replace("-", ""))));
    expect(stored.some((row) => plainHashes.includes(row.codeHash))).toBe(false);
    const unused = (recoveryCodes[1] ?? "").toUpperCase();
    const other = fixture.users.otherLandlord;
    await db.insert(recoveryCodesTable).values({ userId: other.id, codeHash: stored[0]?.codeHash ?? "" });
    await expect(redeemRecoveryCode(db, other.id, unused)).resolves.toBe(false);
    // Typed with capitals and spaces, it still works (once).
    await expect(redeemRecoveryCode(db, user.id, ` ${unused.slice(0, 5)} ${unused.slice(6)} `)).resolves.toBe(true);
  });

  it("still accepts, once, a recovery code stored before codes were keyed", async () => {
    const user = fixture.users.manager;
    await db.insert(recoveryCodesTable).values({ userId: user.id, codeHash: await hashSecretToken("legacycode") });
    await expect(redeemRecoveryCode(db, user.id, "legac-ycode")).resolves.toBe(true);
    await expect(redeemRecoveryCode(db, user.id, "legac-ycode")).resolves.toBe(false);
  });

  it("resets a forgotten password through a single-use link and ends old sessions", async () => {
    const user = fixture.users.otherLandlord;
    const oldCookie = await cookieFor(user);
    expect((await callRoute(forgotPassword, apiRequest("/api/auth/forgot-password", { method: "POST", body: { email: user.email } }))).status).toBe(202);
    const token = linkIn(await waitForMail(user.email, /Reset your TenantLens password/)).searchParams.get("token") ?? "";
    const weak = await callRoute(resetPassword, apiRequest("/api/auth/reset-password", { method: "POST", body: { token, password: "password1234" } }));
    expect(weak.status).toBe(422);
    // The failed attempt rolled back, so the link still works.
    expect((await callRoute(resetPassword, apiRequest("/api/auth/reset-password", { method: "POST", body: { token, password: STRONG } }))).status).toBe(200);
    expect((await callRoute(resetPassword, apiRequest("/api/auth/reset-password", { method: "POST", body: { token, password: STRONG } }))).status).toBe(400);
    await expect(authenticateCredentials(db, context, { email: user.email, password: STRONG }, noDelay)).resolves.toMatchObject({ id: user.id });
    expect((await callRoute(getAccount, apiRequest("/api/account", { cookie: oldCookie }))).status).toBe(401);
  });

  it("answers a reset request for an unknown email the same way, without sending anything", async () => {
    const email = `ghost-${crypto.randomUUID().slice(0, 6)}@fixture.tenantlens.test`;
    const response = await callRoute(forgotPassword, apiRequest("/api/auth/forgot-password", { method: "POST", body: { email } }));
    expect(response.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await mailsTo(email)).toEqual([]);
  });
});

describe("session revocation", () => {
  async function freshUser(role: "landlord" | "property_manager" = "landlord", organisationId = fixture.agencyId): Promise<FixtureUser> {
    const email = `rev-${crypto.randomUUID().slice(0, 8)}@fixture.tenantlens.test`;
    const [user] = await db.insert(users).values({ organisationId, role, name: "Rev", email, passwordHash: (await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, fixture.users.landlord.id)))[0]?.h ?? "" }).returning({ id: users.id });
    if (!user) throw new Error("no user");
    return { key: "fresh", id: user.id, organisationId, role, email };
  }
  const account = (cookie: string) => callRoute(getAccount, apiRequest("/api/account", { cookie }));

  it("ends every session on sign-out-everywhere", async () => {
    const cookie = await cookieFor(await freshUser());
    expect((await account(cookie)).status).toBe(200);
    expect((await callRoute(revokeSessions, apiRequest("/api/account/sessions/revoke", { method: "POST", cookie }))).status).toBe(204);
    expect((await account(cookie)).status).toBe(401);
  });

  it("ends sessions on a password change", async () => {
    const cookie = await cookieFor(await freshUser());
    const response = await callRoute(changePassword, apiRequest("/api/account/password", { method: "POST", cookie, body: { currentPassword: FIXTURE_PASSWORD, newPassword: STRONG } }));
    expect(response.status).toBe(200);
    expect((await account(cookie)).status).toBe(401);
  });

  it("ends the member's sessions when the Property Manager changes their role or removes them", async () => {
    const manager = await cookieFor(fixture.users.manager);
    const promoted = await freshUser();
    const promotedCookie = await cookieFor(promoted);
    expect((await callRoute(changeRole, apiRequest(`/api/organisation/members/${promoted.id}`, { method: "PATCH", cookie: manager, body: { role: "property_manager" } }), { id: promoted.id })).status).toBe(200);
    expect((await account(promotedCookie)).status).toBe(401);

    const removed = await freshUser();
    const removedCookie = await cookieFor(removed);
    expect((await callRoute(removeMember, apiRequest(`/api/organisation/members/${removed.id}`, { method: "DELETE", cookie: manager }), { id: removed.id })).status).toBe(204);
    expect((await account(removedCookie)).status).toBe(401);
  });

  it("ends sessions when an admin disables the user or their organisation", async () => {
    const admin = await cookieFor(fixture.users.admin);
    const disabled = await freshUser();
    const disabledCookie = await cookieFor(disabled);
    expect((await callRoute(adminUpdateUser, apiRequest(`/api/admin/users/${disabled.id}`, { method: "PATCH", cookie: admin, body: { disabled: true } }), { id: disabled.id })).status).toBe(200);
    expect((await account(disabledCookie)).status).toBe(401);

    const [organisation] = await db.insert(organisations).values({ name: "Closing down", kind: "agency" }).returning({ id: organisations.id });
    const member = await freshUser("property_manager", organisation?.id ?? "");
    const memberCookie = await cookieFor(member);
    expect((await account(memberCookie)).status).toBe(200);
    expect((await callRoute(adminUpdateOrganisation, apiRequest(`/api/admin/organisations/${organisation?.id}`, { method: "PATCH", cookie: admin, body: { disabled: true } }), { id: organisation?.id ?? "" })).status).toBe(200);
    expect((await account(memberCookie)).status).toBe(401);
  });

  it("lets an admin change roles only within the customer/staff line, and never leave an agency without a Property Manager", async () => {
    const admin = await cookieFor(fixture.users.admin);
    const patch = async (id: string, body: unknown) => callRoute(adminUpdateUser, apiRequest(`/api/admin/users/${id}`, { method: "PATCH", cookie: admin, body }), { id });
    const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; field?: string } }).error;

    const customer = await freshUser();
    const toStaff = await patch(customer.id, { role: "support_agent" });
    expect(toStaff.status).toBe(422);
    expect(await errorOf(toStaff)).toMatchObject({ field: "role" });
    const toCustomer = await patch(fixture.users.agent.id, { role: "landlord" });
    expect(toCustomer.status).toBe(422);
    expect((await patch(customer.id, { role: "property_manager" })).status).toBe(200);

    const [organisation] = await db.insert(organisations).values({ name: "Admin-managed agency", kind: "agency" }).returning({ id: organisations.id });
    const onlyManager = await freshUser("property_manager", organisation?.id ?? "");
    const demoted = await patch(onlyManager.id, { role: "landlord" });
    expect(demoted.status).toBe(409);
    expect(await errorOf(demoted)).toMatchObject({ code: "LAST_MANAGER" });
    expect((await patch(onlyManager.id, { disabled: true })).status).toBe(409);
    const [row] = await db.select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, onlyManager.id));
    expect(row).toEqual({ role: "property_manager", disabledAt: null });
  });

  it("keeps a Property Manager from leaving the agency without one", async () => {
    const [organisation] = await db.insert(organisations).values({ name: "One-person agency", kind: "agency" }).returning({ id: organisations.id });
    const onlyManager = await freshUser("property_manager", organisation?.id ?? "");
    const cookie = await cookieFor(onlyManager);
    const response = await callRoute(changeRole, apiRequest(`/api/organisation/members/${onlyManager.id}`, { method: "PATCH", cookie, body: { role: "landlord" } }), { id: onlyManager.id });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe("LAST_MANAGER");
  });
});

describe("API tokens, cross-site requests and other organisations", () => {
  it("authenticates with a bearer token until it is revoked", async () => {
    const cookie = await cookieFor(fixture.users.manager);
    const created = await callRoute(createToken, apiRequest("/api/account/tokens", { method: "POST", cookie, body: { name: "CRM sync" } }));
    expect(created.status).toBe(201);
    const { id, token, prefix } = (await created.json()) as { id: string; token: string; prefix: string };
    expect(token.startsWith(prefix)).toBe(true);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await callRoute(getAccount, apiRequest("/api/account", { headers: bearer }));
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(fixture.users.manager.email);
    // A token cannot mint more tokens.
    expect((await callRoute(createToken, apiRequest("/api/account/tokens", { method: "POST", headers: bearer, body: { name: "x" } }))).status).toBe(403);
    expect((await callRoute(revokeToken, apiRequest(`/api/account/tokens/${id}`, { method: "DELETE", cookie }), { id })).status).toBe(204);
    expect((await callRoute(getAccount, apiRequest("/api/account", { headers: bearer }))).status).toBe(401);
    expect((await callRoute(getAccount, apiRequest("/api/account", { headers: { authorization: "Bearer tl_pat_forged" } }))).status).toBe(401);
  });

  it("answers 404 for another user's token and another organisation's member", async () => {
    const owner = await cookieFor(fixture.users.landlord);
    const created = await callRoute(createToken, apiRequest("/api/account/tokens", { method: "POST", cookie: owner, body: { name: "mine" } }));
    const { id } = (await created.json()) as { id: string };
    const intruder = await cookieFor(fixture.users.otherLandlord);
    expect((await callRoute(revokeToken, apiRequest(`/api/account/tokens/${id}`, { method: "DELETE", cookie: intruder }), { id })).status).toBe(404);
    const otherManager = await cookieFor(fixture.users.otherManager);
    const target = fixture.users.landlord.id;
    expect((await callRoute(removeMember, apiRequest(`/api/organisation/members/${target}`, { method: "DELETE", cookie: otherManager }), { id: target })).status).toBe(404);
    expect((await callRoute(removeMember, apiRequest("/api/organisation/members/not-a-uuid", { method: "DELETE", cookie: otherManager }), { id: "not-a-uuid" })).status).toBe(404);
  });

  it("refuses cookie-authenticated writes from another site", async () => {
    const cookie = await cookieFor(fixture.users.manager);
    const forged = apiRequest("/api/organisation/invitations", {
      method: "POST",
      cookie,
      body: { email: "x@fixture.tenantlens.test", role: "landlord" },
      headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    });
    expect((await callRoute(invite, forged)).status).toBe(403);
  });

  it("invites a member by email link; the member signs in with the invited role", async () => {
    const email = `invitee-${crypto.randomUUID().slice(0, 8)}@fixture.tenantlens.test`;
    const cookie = await cookieFor(fixture.users.manager);
    expect((await callRoute(invite, apiRequest("/api/organisation/invitations", { method: "POST", cookie, body: { email, role: "landlord" } }))).status).toBe(201);
    const token = linkIn(await waitForMail(email, /invited you/)).searchParams.get("token") ?? "";
    const accepted = await callRoute(acceptInvitation, apiRequest("/api/invitations/accept", { method: "POST", body: { token, name: "New Member", password: STRONG } }));
    expect(accepted.status).toBe(201);
    await expect(authenticateCredentials(db, context, { email, password: STRONG }, noDelay)).resolves.toMatchObject({ role: "landlord", organisationId: fixture.agencyId });
    expect((await callRoute(acceptInvitation, apiRequest("/api/invitations/accept", { method: "POST", body: { token, name: "Again", password: STRONG } }))).status).toBe(400);
  });

  it("keeps staff without MFA out of everything but setting it up", async () => {
    const [staffUser] = await db.insert(users).values({ organisationId: fixture.users.admin.organisationId, role: "admin", name: "New admin", email: `nomfa-${crypto.randomUUID().slice(0, 6)}@fixture.tenantlens.test`, passwordHash: "x" }).returning({ id: users.id });
    const cookie = await sessionCookie({ id: staffUser?.id ?? "", role: "admin", organisationId: fixture.users.admin.organisationId });
    const refused = await callRoute(adminUsers, apiRequest("/api/admin/users", { cookie }));
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).message).toMatch(/two-factor/);
    expect((await callRoute(getAccount, apiRequest("/api/account", { cookie }))).status).toBe(200);
  });
});

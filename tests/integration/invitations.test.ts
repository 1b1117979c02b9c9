import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { auditEvents, invitations, users } from "@/db/schema";
import { GET as listInvitations, POST as invite } from "@/app/api/organisation/invitations/route";
import { DELETE as revoke } from "@/app/api/organisation/invitations/[id]/route";
import { POST as resend } from "@/app/api/organisation/invitations/[id]/resend/route";
import { POST as acceptInvitation } from "@/app/api/invitations/accept/route";
import { apiRequest, callRoute, createFixture, sessionCookie, type Fixture, type FixtureUser } from "../helpers/app-fixtures";
import { linkIn, mailsTo } from "../helpers/mail";

const STRONG = "Granite-Protea-Rooibos-77";

let db: Database;
let fixture: Fixture;

interface ListedInvitation {
  id: string;
  email: string;
  role: string;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  status: "pending" | "expired";
}

beforeAll(async () => {
  db = await getDb();
  fixture = await createFixture(db);
});

const freshEmail = () => `invitee-${crypto.randomUUID().slice(0, 8)}@fixture.tenantlens.test`;

function cookieFor(user: FixtureUser) {
  return sessionCookie(user);
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

/** Every invitation token mailed to this address so far. */
async function tokensMailedTo(email: string): Promise<string[]> {
  const mails = await mailsTo(email);
  return mails.filter((mail) => /invited you/.test(mail.subject)).map((mail) => linkIn(mail).searchParams.get("token") ?? "");
}

/** Waits for an invitation mail to this address carrying a token not seen before. */
async function newTokenFor(email: string, seen: string[] = [], timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const fresh = (await tokensMailedTo(email)).find((token) => token && !seen.includes(token));
    if (fresh) return fresh;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no new invitation mail to ${email}`);
}

async function inviteAs(user: FixtureUser, email = freshEmail(), role = "landlord") {
  const response = await callRoute(invite, apiRequest("/api/organisation/invitations", { method: "POST", cookie: await cookieFor(user), body: { email, role } }));
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return { id, email, token: await newTokenFor(email) };
}

function revokeAs(user: FixtureUser, id: string) {
  return cookieFor(user).then((cookie) => callRoute(revoke, apiRequest(`/api/organisation/invitations/${id}`, { method: "DELETE", cookie }), { id }));
}

function resendAs(user: FixtureUser, id: string) {
  return cookieFor(user).then((cookie) => callRoute(resend, apiRequest(`/api/organisation/invitations/${id}/resend`, { method: "POST", cookie }), { id }));
}

function accept(token: string, name = "New Member") {
  return callRoute(acceptInvitation, apiRequest("/api/invitations/accept", { method: "POST", body: { token, name, password: STRONG } }));
}

async function listAs(user: FixtureUser) {
  const response = await callRoute(listInvitations, apiRequest("/api/organisation/invitations", { cookie: await cookieFor(user) }));
  return { status: response.status, body: response.status === 200 ? ((await response.json()) as { invitations: ListedInvitation[] }) : undefined };
}

async function auditActions(invitationId: string, action: string) {
  return db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.resourceId, invitationId), eq(auditEvents.action, action)));
}

describe("listing invitations", () => {
  it("shows the caller's organisation's open invitations, expired ones as expired, and nothing accepted or revoked", async () => {
    const { manager, otherManager } = fixture.users;
    const pending = await inviteAs(manager, freshEmail(), "property_manager");
    const expired = await inviteAs(manager);
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(invitations.id, expired.id));
    const revoked = await inviteAs(manager);
    expect((await revokeAs(manager, revoked.id)).status).toBe(204);
    const accepted = await inviteAs(manager);
    expect((await accept(accepted.token)).status).toBe(201);
    const elsewhere = await inviteAs(otherManager);

    const { status, body } = await listAs(manager);
    expect(status).toBe(200);
    const listed = body?.invitations ?? [];
    const ids = listed.map((invitation) => invitation.id);
    expect(ids).toEqual(expect.arrayContaining([pending.id, expired.id]));
    expect(ids).not.toContain(revoked.id);
    expect(ids).not.toContain(accepted.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(listed.find((invitation) => invitation.id === pending.id)).toMatchObject({
      email: pending.email,
      role: "property_manager",
      invitedBy: (await db.select({ name: users.name }).from(users).where(eq(users.id, manager.id)))[0]?.name,
      status: "pending",
    });
    expect(listed.find((invitation) => invitation.id === expired.id)).toMatchObject({ status: "expired" });
    for (const invitation of listed) {
      expect(Object.keys(invitation).sort()).toEqual(["createdAt", "email", "expiresAt", "id", "invitedBy", "role", "status"]);
    }

    const theirs = await listAs(otherManager);
    expect(theirs.body?.invitations.map((invitation) => invitation.id)).toEqual([elsewhere.id]);
  });

  it("is for those who manage members: a Landlord gets 403", async () => {
    expect((await listAs(fixture.users.landlord)).status).toBe(403);
    expect((await listAs(fixture.users.solo)).status).toBe(403);
  });
});

describe("revoking an invitation", () => {
  it("stops the emailed link at once; revoking again is a harmless no-op", async () => {
    const { id, token } = await inviteAs(fixture.users.manager);
    expect((await revokeAs(fixture.users.manager, id)).status).toBe(204);
    const refused = await accept(token);
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).code).toBe("INVALID_TOKEN");

    expect((await revokeAs(fixture.users.manager, id)).status).toBe(204);
    expect(await auditActions(id, "org.revoke-invitation")).toHaveLength(1);
    const [row] = await db.select({ revokedAt: invitations.revokedAt }).from(invitations).where(eq(invitations.id, id));
    expect(row?.revokedAt).toBeInstanceOf(Date);
  });

  it("answers 409 for an invitation that was already accepted", async () => {
    const { id, token } = await inviteAs(fixture.users.manager);
    expect((await accept(token)).status).toBe(201);
    const conflict = await revokeAs(fixture.users.manager, id);
    expect(conflict.status).toBe(409);
    expect((await errorOf(conflict)).code).toBe("INVITATION_ACCEPTED");
  });

  it("answers 404 for another organisation's invitation, an unknown id and a malformed one, and leaves the invitation working", async () => {
    const { id, token } = await inviteAs(fixture.users.manager);
    expect((await revokeAs(fixture.users.otherManager, id)).status).toBe(404);
    expect((await revokeAs(fixture.users.manager, crypto.randomUUID())).status).toBe(404);
    expect((await revokeAs(fixture.users.manager, "not-a-uuid")).status).toBe(404);
    expect(await auditActions(id, "org.revoke-invitation")).toHaveLength(0);
    expect((await accept(token)).status).toBe(201);
  });

  it("refuses Landlords (no org:manage-members) with 403, in their own agency too", async () => {
    const { id, token } = await inviteAs(fixture.users.manager);
    expect((await revokeAs(fixture.users.landlord, id)).status).toBe(403);
    expect((await revokeAs(fixture.users.otherLandlord, id)).status).toBe(403);
    expect((await accept(token)).status).toBe(201);
  });
});

describe("resending an invitation", () => {
  it("mails a new link with a fresh 7-day expiry; the old link stops working and the new one works", async () => {
    const { id, email, token: oldToken } = await inviteAs(fixture.users.manager);
    await db.update(invitations).set({ expiresAt: new Date(Date.now() + 60 * 60 * 1000) }).where(eq(invitations.id, id));

    const response = await resendAs(fixture.users.manager, id);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string; expiresAt: string };
    expect(body.id).toBe(id);
    const sevenDays = 7 * 24 * 60 * 60 * 1000;
    expect(Math.abs(new Date(body.expiresAt).getTime() - (Date.now() + sevenDays))).toBeLessThan(60_000);

    const newToken = await newTokenFor(email, [oldToken]);
    expect(newToken).not.toBe(oldToken);
    expect(await auditActions(id, "org.resend-invitation")).toHaveLength(1);

    const refused = await accept(oldToken);
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).code).toBe("INVALID_TOKEN");
    expect((await accept(newToken)).status).toBe(201);
  });

  it("revives an expired invitation: it is listed as pending again and its new link works", async () => {
    const { id, email, token: oldToken } = await inviteAs(fixture.users.manager);
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(invitations.id, id));
    expect((await listAs(fixture.users.manager)).body?.invitations.find((invitation) => invitation.id === id)?.status).toBe("expired");

    expect((await resendAs(fixture.users.manager, id)).status).toBe(200);
    expect((await listAs(fixture.users.manager)).body?.invitations.find((invitation) => invitation.id === id)?.status).toBe("pending");
    expect((await accept(await newTokenFor(email, [oldToken]))).status).toBe(201);
  });

  it("answers 409 for an accepted or a revoked invitation, and sends nothing", async () => {
    const accepted = await inviteAs(fixture.users.manager);
    expect((await accept(accepted.token)).status).toBe(201);
    const acceptedConflict = await resendAs(fixture.users.manager, accepted.id);
    expect(acceptedConflict.status).toBe(409);
    expect((await errorOf(acceptedConflict)).code).toBe("INVITATION_ACCEPTED");

    const revoked = await inviteAs(fixture.users.manager);
    expect((await revokeAs(fixture.users.manager, revoked.id)).status).toBe(204);
    const revokedConflict = await resendAs(fixture.users.manager, revoked.id);
    expect(revokedConflict.status).toBe(409);
    expect((await errorOf(revokedConflict)).code).toBe("INVITATION_REVOKED");

    expect(await tokensMailedTo(accepted.email)).toHaveLength(1);
    expect(await tokensMailedTo(revoked.email)).toHaveLength(1);
  });

  it("answers 404 to another organisation's Property Manager and for unknown ids, and leaves the link working", async () => {
    const { id, email, token } = await inviteAs(fixture.users.manager);
    expect((await resendAs(fixture.users.otherManager, id)).status).toBe(404);
    expect((await resendAs(fixture.users.manager, crypto.randomUUID())).status).toBe(404);
    expect((await resendAs(fixture.users.manager, "not-a-uuid")).status).toBe(404);
    expect(await tokensMailedTo(email)).toEqual([token]);
    expect((await accept(token)).status).toBe(201);
  });

  it("refuses Landlords with 403", async () => {
    const { id, email, token } = await inviteAs(fixture.users.manager);
    expect((await resendAs(fixture.users.landlord, id)).status).toBe(403);
    expect((await resendAs(fixture.users.otherLandlord, id)).status).toBe(403);
    expect(await tokensMailedTo(email)).toEqual([token]);
  });
});

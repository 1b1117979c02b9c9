import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { authenticateCredentials, SignInRefused } from "@/lib/accounts/authenticate-credentials";
import { GET as getAccount } from "@/app/api/account/route";
import { POST as requestChange } from "@/app/api/account/email/route";
import { POST as confirmChange } from "@/app/api/auth/confirm-email-change/route";
import { apiRequest, callRoute, createFixture, FIXTURE_PASSWORD, sessionCookie, type Fixture, type FixtureUser } from "../helpers/app-fixtures";
import { linkIn, mailsTo, waitForMail } from "../helpers/mail";

const CONFIRM_SUBJECT = /Confirm this is your new TenantLens email/;
const noDelay = () => Promise.resolve();
/** A sign-in context of its own, so the per-IP sign-in limit is not shared with other suites. */
const signInContext = { actorType: "anonymous" as const, channel: "web" as const, ip: `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };

let db: Database;
let fixture: Fixture;

const freshAddress = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@fixture.tenantlens.test`;

async function cookieFor(user: FixtureUser) {
  const [row] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, user.id));
  return sessionCookie(user, row?.sv ?? 1);
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; field?: string } }).error;
}

function ask(cookie: string, body: unknown) {
  return callRoute(requestChange, apiRequest("/api/account/email", { method: "POST", cookie, body }));
}

function confirm(token: string) {
  return callRoute(confirmChange, apiRequest("/api/auth/confirm-email-change", { method: "POST", body: { token } }));
}

async function userRow(id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new Error("user gone");
  return row;
}

beforeAll(async () => {
  db = await getDb();
  fixture = await createFixture(db);
});

describe("changing the account email", () => {
  it("refuses a wrong current password and sends nothing", async () => {
    const user = fixture.users.landlord;
    const newEmail = freshAddress("wrong-password");
    const response = await ask(await cookieFor(user), { currentPassword: "not-my-password-1", newEmail });
    expect(response.status).toBe(422);
    expect(await errorOf(response)).toMatchObject({ field: "currentPassword", code: "REAUTHENTICATION_FAILED" });
    expect(await mailsTo(newEmail)).toEqual([]);
    expect((await userRow(user.id)).email).toBe(user.email);
  });

  it("refuses an invalid address and the current address with the field and the reason", async () => {
    const user = fixture.users.landlord2;
    const cookie = await cookieFor(user);
    const invalid = await ask(cookie, { currentPassword: FIXTURE_PASSWORD, newEmail: "not-an-email" });
    expect(invalid.status).toBe(422);
    expect(await errorOf(invalid)).toMatchObject({ field: "newEmail", message: expect.stringMatching(/valid email/) as unknown });

    const same = await ask(cookie, { currentPassword: FIXTURE_PASSWORD, newEmail: ` ${user.email.toUpperCase()} ` });
    expect(same.status).toBe(422);
    expect(await errorOf(same)).toMatchObject({ field: "newEmail", message: expect.stringMatching(/already your email/) as unknown });
  });

  it("moves the account to a confirmed new address, ends every session and tells the old address", async () => {
    const user = fixture.users.solo;
    const oldCookie = await cookieFor(user);
    const before = await userRow(user.id);
    const newEmail = freshAddress("moved");

    const response = await ask(oldCookie, { currentPassword: FIXTURE_PASSWORD, newEmail: newEmail.toUpperCase() });
    expect(response.status).toBe(202);
    expect(((await response.json()) as { message: string }).message.startsWith(`We sent a confirmation link to ${newEmail}`)).toBe(true);
    const mail = await waitForMail(newEmail, CONFIRM_SUBJECT);
    const link = linkIn(mail);
    expect(link.pathname).toBe("/confirm-email-change");
    const token = link.searchParams.get("token") ?? "";

    // Nothing changes until the new address confirms.
    expect((await userRow(user.id)).email).toBe(user.email);
    expect((await callRoute(getAccount, apiRequest("/api/account", { cookie: oldCookie }))).status).toBe(200);

    const confirmed = await confirm(token);
    expect(confirmed.status).toBe(200);
    const after = await userRow(user.id);
    expect(after.email).toBe(newEmail);
    expect(after.emailVerifiedAt).toBeInstanceOf(Date);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);

    await expect(authenticateCredentials(db, signInContext, { email: newEmail, password: FIXTURE_PASSWORD }, noDelay)).resolves.toMatchObject({ id: user.id });
    await expect(authenticateCredentials(db, signInContext, { email: user.email, password: FIXTURE_PASSWORD }, noDelay)).rejects.toEqual(new SignInRefused("invalid_credentials"));
    expect((await callRoute(getAccount, apiRequest("/api/account", { cookie: oldCookie }))).status).toBe(401);

    const notice = await waitForMail(user.email, /email was changed/);
    expect(notice.text).toContain(newEmail);
    expect(notice.text).toMatch(/If this wasn't you, contact TenantLens support/);

    const again = await confirm(token);
    expect(again.status).toBe(400);
    expect(await errorOf(again)).toMatchObject({ code: "INVALID_TOKEN", field: "token" });

    // The audit trail has the request and the change, by id, with neither address in clear.
    const events = await db.select().from(auditEvents).where(eq(auditEvents.resourceId, user.id));
    const requested = events.find((event) => event.action === "account.email-change-requested");
    const changed = events.find((event) => event.action === "account.email-changed");
    expect(requested).toMatchObject({ outcome: "success", actorId: user.id });
    expect(changed).toMatchObject({ outcome: "success", actorId: user.id });
    const logged = JSON.stringify(events.map((event) => event.metadata));
    expect(logged).not.toContain(newEmail);
    expect(logged).not.toContain(user.email);
  });

  it("answers a taken address exactly like a free one, tells that address instead, and changes nothing", async () => {
    const user = fixture.users.manager;
    const other = fixture.users.otherLandlord;
    const cookie = await cookieFor(user);
    const freeEmail = freshAddress("free");
    const otherBefore = await userRow(other.id);

    const taken = await ask(cookie, { currentPassword: FIXTURE_PASSWORD, newEmail: other.email.toUpperCase() });
    const free = await ask(cookie, { currentPassword: FIXTURE_PASSWORD, newEmail: freeEmail });
    expect(taken.status).toBe(202);
    expect(free.status).toBe(202);
    const takenBody = (await taken.json()) as { message: string };
    const freeBody = (await free.json()) as { message: string };
    expect(takenBody.message.replace(other.email, "<address>")).toBe(freeBody.message.replace(freeEmail, "<address>"));

    await waitForMail(other.email, /tried to move a TenantLens account/);
    await waitForMail(freeEmail, CONFIRM_SUBJECT);
    expect((await mailsTo(other.email)).filter((mail) => CONFIRM_SUBJECT.test(mail.subject))).toEqual([]);
    expect(await userRow(other.id)).toEqual(otherBefore);
    expect((await userRow(user.id)).email).toBe(user.email);

    const [denied] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceId, user.id), eq(auditEvents.action, "account.email-change-requested"), eq(auditEvents.outcome, "denied")));
    expect(denied?.metadata).toEqual({ reason: "email-in-use" });
  });

  it("keeps only the newest link, and refuses with 409 (link kept) when the address was taken meanwhile", async () => {
    const user = fixture.users.otherManager;
    const cookie = await cookieFor(user);
    const first = freshAddress("first");
    const second = freshAddress("second");

    expect((await ask(cookie, { currentPassword: FIXTURE_PASSWORD, newEmail: first })).status).toBe(202);
    const firstToken = linkIn(await waitForMail(first, CONFIRM_SUBJECT)).searchParams.get("token") ?? "";
    expect((await ask(cookie, { currentPassword: FIXTURE_PASSWORD, newEmail: second })).status).toBe(202);
    const secondToken = linkIn(await waitForMail(second, CONFIRM_SUBJECT)).searchParams.get("token") ?? "";
    expect((await confirm(firstToken)).status).toBe(400);

    // Someone else signs up with the address before the link is opened.
    const [squatter] = await db
      .insert(users)
      .values({ organisationId: fixture.otherAgencyId, role: "landlord", name: "Squatter", email: second, passwordHash: "x" })
      .returning({ id: users.id });
    if (!squatter) throw new Error("no squatter");
    const conflict = await confirm(secondToken);
    expect(conflict.status).toBe(409);
    expect(await errorOf(conflict)).toMatchObject({ code: "EMAIL_IN_USE" });
    expect((await userRow(user.id)).email).toBe(user.email);

    // The change rolled back with the link, so it works once the address is free again.
    await db.update(users).set({ email: freshAddress("moved-away") }).where(eq(users.id, squatter.id));
    expect((await confirm(secondToken)).status).toBe(200);
    expect((await userRow(user.id)).email).toBe(second);
  });
});

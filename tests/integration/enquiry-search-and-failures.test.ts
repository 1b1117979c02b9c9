import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Schema from "@/db/schema";
import type { EnquiryStatus } from "@/db/schema";
import type * as AppFixtures from "../helpers/app-fixtures";
import { freshSaIdNumber } from "../helpers/identity-numbers";
import { linkIn, mailsTo, waitForMail } from "../helpers/mail";
import type { RouteModule } from "../helpers/route-server";
import { startWorkflowHarness, type WorkflowHarness } from "../helpers/workflow-harness";

interface ListBody {
  items: Array<{ id: string; status: string }>;
  nextBefore: string | null;
  nextCursor: string | null;
}

describe("enquiry list: exact-number search and cursor; failure and expiry notifications", () => {
  let h: WorkflowHarness;
  let schema: typeof Schema;
  let route: RouteModule;
  let users: AppFixtures.Fixture["users"];

  beforeAll(async () => {
    h = await startWorkflowHarness();
    schema = await import("@/db/schema");
    route = await import("@/app/api/enquiries/route");
    users = h.fixture.users;
  });

  afterAll(async () => {
    await h.close();
  });

  /** An enquiry row on a chosen identifier (no workflow), as creation would index it. */
  async function insertOn(owner: AppFixtures.FixtureUser, subject: { identifierKind: "sa-id" | "cipc"; identifier: string }, status: EnquiryStatus = "queued") {
    const { registerSubject } = await import("@/lib/subjects/register-subject");
    const kind = subject.identifierKind === "cipc" ? "company" : "individual";
    const registered = await registerSubject(h.db, { kind, ...subject });
    const id = crypto.randomUUID();
    await h.db.insert(schema.enquiries).values({
      id,
      organisationId: owner.organisationId,
      requestedBy: owner.id,
      subjectId: registered.id,
      subjectType: kind,
      identifierKind: subject.identifierKind,
      identifierLast4: subject.identifier.slice(-4),
      status,
    });
    return id;
  }

  async function list(user: AppFixtures.FixtureUser, query: string) {
    const response = await h.call(route, "GET", `/api/enquiries?${query}`, { user });
    return { status: response.status, body: (await response.json()) as ListBody & { error?: { code: string; field: string; message: string } } };
  }

  describe("search by exact number", () => {
    const idNumber = freshSaIdNumber();
    const otherIdNumber = freshSaIdNumber();
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      ids.manager = await insertOn(users.manager, { identifierKind: "sa-id", identifier: idNumber });
      ids.landlord = await insertOn(users.landlord, { identifierKind: "sa-id", identifier: idNumber });
      ids.landlord2 = await insertOn(users.landlord2, { identifierKind: "sa-id", identifier: idNumber });
      ids.otherAgency = await insertOn(users.otherManager, { identifierKind: "sa-id", identifier: idNumber });
      ids.unrelated = await insertOn(users.manager, { identifierKind: "sa-id", identifier: otherIdNumber });
    });

    it("finds only the caller's organisation's enquiries on that number", async () => {
      const { status, body } = await list(users.manager, `idNumber=${idNumber}`);
      expect(status).toBe(200);
      expect(body.items.map((item) => item.id).sort()).toEqual([ids.manager, ids.landlord, ids.landlord2].sort());
      const other = await list(users.otherManager, `idNumber=${idNumber}`);
      expect(other.body.items.map((item) => item.id)).toEqual([ids.otherAgency]);
    });

    it("gives a Landlord only their own, and normalises spaces and dashes as creation does", async () => {
      const spaced = `${idNumber.slice(0, 6)} ${idNumber.slice(6, 10)}-${idNumber.slice(10)}`;
      const { body } = await list(users.landlord, `identifier=${encodeURIComponent(spaced)}`);
      expect(body.items.map((item) => item.id)).toEqual([ids.landlord]);
      const solo = await list(users.solo, `idNumber=${idNumber}`);
      expect(solo.body.items).toEqual([]);
    });

    it("finds a company by its CIPC registration number", async () => {
      const registration = `2019/${String(100_000 + Math.floor(Math.random() * 899_999))}/07`;
      const id = await insertOn(users.manager, { identifierKind: "cipc", identifier: registration });
      const { body } = await list(users.manager, `identifier=${encodeURIComponent(registration.replaceAll("/", ""))}`);
      expect(body.items.map((item) => item.id)).toEqual([id]);
    });

    it("answers 422 with the field and the validator's message for a bad number", async () => {
      const badCheckDigit = idNumber.slice(0, 12) + String((Number(idNumber.at(-1)) + 1) % 10);
      const bad = await list(users.manager, `idNumber=${badCheckDigit}`);
      expect(bad.status).toBe(422);
      expect(bad.body.error).toMatchObject({ code: "INVALID_ID_NUMBER", field: "idNumber", message: "The check digit does not match." });
      const notADate = await list(users.manager, "idNumber=9402310000000");
      expect(notADate.status).toBe(422);
      expect(notADate.body.error?.message).toBe("940231 is not a date.");
      const badCipc = await list(users.manager, "identifier=2015/123456/99");
      expect(badCipc.status).toBe(422);
      expect(badCipc.body.error).toMatchObject({ code: "INVALID_REGISTRATION_NUMBER", field: "identifier" });
      const passportWithoutNationality = await list(users.manager, "identifier=A1234567");
      expect(passportWithoutNationality.status).toBe(422);
      expect(passportWithoutNationality.body.error?.field).toBe("nationality");
    });
  });

  it("pages the same with cursor as with before, and returns nextCursor next to nextBefore", async () => {
    for (let index = 0; index < 3; index += 1) await insertOn(users.landlord2, { identifierKind: "sa-id", identifier: freshSaIdNumber() });
    const first = await list(users.landlord2, "limit=2");
    expect(first.body.nextCursor).toBeTruthy();
    expect(first.body.nextCursor).toBe(first.body.nextBefore);
    const cursor = encodeURIComponent(first.body.nextCursor ?? "");
    const viaBefore = await list(users.landlord2, `limit=2&before=${cursor}`);
    const viaCursor = await list(users.landlord2, `limit=2&cursor=${cursor}`);
    expect(viaCursor.status).toBe(200);
    expect(viaCursor.body.items.map((item) => item.id)).toEqual(viaBefore.body.items.map((item) => item.id));
    expect(viaCursor.body.nextCursor).toBe(viaBefore.body.nextBefore);
    expect(viaCursor.body.items.some((item) => first.body.items.some((seen) => seen.id === item.id))).toBe(false);
    const conflicting = await list(users.landlord2, `cursor=${cursor}&before=${encodeURIComponent(new Date(0).toISOString())}`);
    expect(conflicting.status).toBe(422);
  });

  async function notificationsFor(user: AppFixtures.FixtureUser, enquiryId: string) {
    return h.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, user.id), eq(schema.notifications.link, `/enquiries/${enquiryId}`)));
  }

  it("tells the requester once, in-app and by email, when an enquiry fails (even if failed twice)", async () => {
    const { failEnquiry } = await import("@/lib/enquiries/fail-enquiry");
    const { FAILURE_REASONS } = await import("@/lib/enquiries/failure-reasons");
    const idNumber = freshSaIdNumber();
    const id = await insertOn(users.landlord, { identifierKind: "sa-id", identifier: idNumber });
    await failEnquiry(h.db, id, FAILURE_REASONS.TPN_UNAVAILABLE);
    await failEnquiry(h.db, id, FAILURE_REASONS.INTERNAL);

    const notes = await notificationsFor(users.landlord, id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: "enquiry.failed" });
    expect(notes[0]?.title).not.toContain(idNumber);
    const mail = await waitForMail(users.landlord.email, /could not be completed/);
    expect(linkIn(mail).pathname).toBe(`/enquiries/${id}`);
    expect(mail.text).not.toContain(idNumber);
    expect(mail.text).not.toContain(idNumber.slice(-4));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = (await mailsTo(users.landlord.email)).filter((message) => message.text.includes(`/enquiries/${id}`));
    expect(mails).toHaveLength(1);
  });

  it("tells the requester once when an enquiry expires waiting for consent", async () => {
    const { expireEnquiry } = await import("@/lib/enquiries/advance-enquiry");
    const id = await insertOn(users.manager, { identifierKind: "sa-id", identifier: freshSaIdNumber() }, "awaiting_consent");
    await expireEnquiry(h.db, id);
    await expireEnquiry(h.db, id);

    const [row] = await h.db.select({ status: schema.enquiries.status }).from(schema.enquiries).where(eq(schema.enquiries.id, id));
    expect(row?.status).toBe("expired");
    const notes = await notificationsFor(users.manager, id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: "enquiry.expired" });
    const mail = await waitForMail(users.manager.email, /expired/);
    expect(linkIn(mail).pathname).toBe(`/enquiries/${id}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = (await mailsTo(users.manager.email)).filter((message) => message.text.includes(`/enquiries/${id}`));
    expect(mails).toHaveLength(1);
  });

  it("notifies once through the real workflow: consent withdrawn (failed), then the consent wait times out", async () => {
    const enquiriesRoute = await import("@/app/api/enquiries/route");
    const withdraw = await import("@/app/api/enquiries/[id]/withdraw-consent/route");
    const response = await h.call(enquiriesRoute, "POST", "/api/enquiries", {
      user: users.landlord2,
      body: {
        subject: { type: "individual", idNumber: freshSaIdNumber() },
        consent: { requestFromApplicant: { email: `ask-${crypto.randomUUID().slice(0, 6)}@fixture.tenantlens.test` } },
      },
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const answer = await h.call(withdraw, "POST", `/api/enquiries/${id}/withdraw-consent`, { user: users.landlord2, params: { id } });
    expect(await answer.json()).toMatchObject({ stopped: true });
    await h.executor.advanceTime("8d");
    await h.executor.waitForIdle(20_000);

    const notes = await notificationsFor(users.landlord2, id);
    expect(notes.map((note) => note.kind)).toEqual(["enquiry.failed"]);
    await waitForMail(users.landlord2.email, /could not be completed/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = (await mailsTo(users.landlord2.email)).filter((message) => message.text.includes(`/enquiries/${id}`));
    expect(mails).toHaveLength(1);
  });

  it("notifies once when the workflow's 7-day consent wait expires the enquiry", async () => {
    const enquiriesRoute = await import("@/app/api/enquiries/route");
    const response = await h.call(enquiriesRoute, "POST", "/api/enquiries", {
      user: users.manager,
      body: {
        subject: { type: "individual", idNumber: freshSaIdNumber() },
        consent: { requestFromApplicant: { email: `never-${crypto.randomUUID().slice(0, 6)}@fixture.tenantlens.test` } },
      },
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await h.executor.waitForIdle(20_000);
    await h.executor.advanceTime("8d");
    await h.executor.waitForIdle(20_000);

    const [row] = await h.db.select({ status: schema.enquiries.status }).from(schema.enquiries).where(eq(schema.enquiries.id, id));
    expect(row?.status).toBe("expired");
    const notes = await notificationsFor(users.manager, id);
    expect(notes.map((note) => note.kind)).toEqual(["enquiry.expired"]);
    const mail = await waitForMail(users.manager.email, /expired/);
    expect(mail.text).toContain("/enquiries/");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = (await mailsTo(users.manager.email)).filter((message) => message.text.includes(`/enquiries/${id}`));
    expect(mails).toHaveLength(1);
  });
});

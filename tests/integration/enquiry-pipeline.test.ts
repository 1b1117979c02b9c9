import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMERCIAL_SCENARIOS, CONSUMER_SCENARIOS } from "@/dev/tpn/scenarios";
import type { InngestExecutor } from "@/dev/inngest/executor";
import type { Database } from "@/db/client";
import type * as Schema from "@/db/schema";
import type * as AppFixtures from "../helpers/app-fixtures";
import { linkIn, waitForMail } from "../helpers/mail";
import type { RouteModule } from "../helpers/route-server";
import { startWorkflowHarness, type WorkflowHarness } from "../helpers/workflow-harness";

describe("enquiry pipeline: submit -> consent -> TPN -> report ready", () => {
  let h: WorkflowHarness;
  let executor: InngestExecutor;
  let sandbox: WorkflowHarness["sandbox"];
  let fixtures: typeof AppFixtures;
  let fixture: AppFixtures.Fixture;
  let routes: Record<string, RouteModule>;
  let schema: typeof Schema;
  let db: Database;

  beforeAll(async () => {
    h = await startWorkflowHarness();
    ({ executor, sandbox, fixtures, fixture, db } = h);
    schema = await import("@/db/schema");
    routes = { "/api/enquiries": await import("@/app/api/enquiries/route") };
  });

  afterAll(async () => {
    await h.close();
  });

  async function submit(user: AppFixtures.FixtureUser, body: unknown) {
    const cookie = await fixtures.sessionCookie(user);
    const handler = routes["/api/enquiries"]?.POST;
    if (!handler) throw new Error("no POST /api/enquiries");
    return fixtures.callRoute(handler, fixtures.apiRequest("/api/enquiries", { method: "POST", cookie, body }));
  }

  async function enquiry(id: string) {
    const [row] = await db.select().from(schema.enquiries).where(eq(schema.enquiries.id, id));
    const timeline = await db.select().from(schema.enquiryEvents).where(eq(schema.enquiryEvents.enquiryId, id)).orderBy(schema.enquiryEvents.id);
    const [record] = await db.select().from(schema.bureauRecords).where(eq(schema.bureauRecords.enquiryId, id));
    return { row, statuses: timeline.map((event) => event.status), record };
  }

  let cleanRecordEnquiryId = "";
  const attested = () => ({ method: "signed_form", obtainedAt: new Date().toISOString(), confirmed: true });

  it("runs an attested enquiry through TPN and stores the record encrypted, billed once", async () => {
    const before = sandbox.stats().billableCalls;
    const response = await submit(fixture.users.manager, {
      subject: { type: "individual", idNumber: CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber, firstName: "Clean", surname: "Record" },
      consent: attested(),
      monthlyRent: 8500,
      grossMonthlyIncome: 32000,
      reference: "Unit 4, Sea Point",
    });
    expect(response.status).toBe(202);
    const { id, status } = (await response.json()) as { id: string; status: string };
    expect(status).toBe("queued");
    await executor.waitForIdle(20_000);

    const { row, statuses, record } = await enquiry(id);
    expect(row?.status).toBe("ready");
    expect(row?.billed).toBe(true);
    expect(statuses).toEqual(["queued", "fetching", "scoring", "rendering", "ready"]);
    expect(record?.found).toBe(true);
    expect(record?.reportEncrypted.startsWith("v1.")).toBe(true);
    expect(record?.reportEncrypted).not.toContain(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber);
    expect(sandbox.stats().billableCalls - before).toBe(1);
    // The hand-over event went through the outbox and reached Inngest under the outbox row's event id.
    const handOver = (await db.select().from(schema.outbox).where(eq(schema.outbox.name, "enquiry/bureau-data-stored"))).find(
      (row) => row.data.enquiryId === id,
    );
    expect(handOver?.dispatchedAt).toBeInstanceOf(Date);
    expect(executor.events().some((event) => event.id === handOver?.eventId && event.name === "enquiry/bureau-data-stored")).toBe(true);
    cleanRecordEnquiryId = id;
  });

  it("runs a company enquiry and a person TPN does not know (found=false is still a result)", async () => {
    const company = await submit(fixture.users.manager, {
      subject: { type: "company", registrationNumber: COMMERCIAL_SCENARIOS.COMPANY_IN_LIQUIDATION.registrationNumber, name: "Liquidating (Pty) Ltd" },
      consent: attested(),
    });
    const unknown = await submit(fixture.users.manager, { subject: { type: "individual", idNumber: CONSUMER_SCENARIOS.NOT_FOUND.idNumber }, consent: attested() });
    const companyId = ((await company.json()) as { id: string }).id;
    const unknownId = ((await unknown.json()) as { id: string }).id;
    await executor.waitForIdle(20_000);
    expect((await enquiry(companyId)).row?.status).toBe("ready");
    const notFound = await enquiry(unknownId);
    expect(notFound.row?.status).toBe("ready");
    expect(notFound.record?.found).toBe(false);
  });

  it("asks the applicant by email, waits for consent, then continues on its own", async () => {
    const applicant = `applicant-${crypto.randomUUID().slice(0, 6)}@fixture.tenantlens.test`;
    const response = await submit(fixture.users.landlord, {
      subject: { type: "individual", idNumber: CONSUMER_SCENARIOS.LATE_PAYER.idNumber, firstName: "Late", surname: "Payer" },
      consent: { requestFromApplicant: { email: applicant } },
    });
    expect(response.status).toBe(202);
    const { id, status } = (await response.json()) as { id: string; status: string };
    expect(status).toBe("awaiting_consent");
    await executor.waitForIdle(20_000);
    expect((await enquiry(id)).row?.status).toBe("awaiting_consent");

    const link = linkIn(await waitForMail(applicant, /asks for your consent/));
    const token = link.pathname.split("/").pop() ?? "";
    const consentRoute = (await import("@/app/api/consent/[token]/route")) as RouteModule;
    const read = await fixtures.callRoute(consentRoute.GET as AppFixtures.RouteHandler, fixtures.apiRequest(`/api/consent/${token}`), { token });
    expect(read.status).toBe(200);
    const shown = (await read.json()) as { organisationName: string; identifier: string; applicantName: string; noticeVersion: string };
    expect(shown.identifier).toBe(`ID number ending ${CONSUMER_SCENARIOS.LATE_PAYER.idNumber.slice(-4)}`);
    expect(shown.applicantName).toBe("Late Payer");
    expect(JSON.stringify(shown)).not.toContain(CONSUMER_SCENARIOS.LATE_PAYER.idNumber);

    const unconfirmed = await fixtures.callRoute(consentRoute.POST as AppFixtures.RouteHandler, fixtures.apiRequest(`/api/consent/${token}`, { method: "POST", body: { decision: "grant", noticeVersion: shown.noticeVersion } }), { token });
    expect(unconfirmed.status).toBe(422);
    const granted = await fixtures.callRoute(
      consentRoute.POST as AppFixtures.RouteHandler,
      fixtures.apiRequest(`/api/consent/${token}`, { method: "POST", body: { decision: "grant", noticeVersion: shown.noticeVersion, confirmDetails: true }, headers: { "user-agent": "Applicant phone" } }),
      { token },
    );
    expect(granted.status).toBe(200);
    await executor.waitForIdle(20_000);
    const { row, statuses } = await enquiry(id);
    expect(row?.status).toBe("ready");
    expect(statuses).toEqual(["awaiting_consent", "queued", "fetching", "scoring", "rendering", "ready"]);
    const [consent] = await db.select().from(schema.consents).where(eq(schema.consents.enquiryId, id));
    expect(consent).toMatchObject({ kind: "granted", method: "applicant_link", confirmedBy: null });
    expect(consent?.applicantContextEncrypted).toMatch(/^v1\./);
    // single use
    expect((await fixtures.callRoute(consentRoute.GET as AppFixtures.RouteHandler, fixtures.apiRequest(`/api/consent/${token}`), { token })).status).toBe(404);
  });

  it("restarts an enquiry whose run was lost half-way, and it still ends ready and billed once", async () => {
    const { insertEnquiry } = await import("../helpers/enquiry-fixtures");
    // A crash left it "fetching" with no run behind it, three hours ago.
    const id = await insertEnquiry(db, fixture.users.manager, "fetching");
    await db.update(schema.enquiries).set({ updatedAt: new Date(Date.now() - 3 * 60 * 60_000) }).where(eq(schema.enquiries.id, id));
    const before = sandbox.stats().billableCalls;
    await executor.advanceTime("2m");
    await executor.waitForIdle(30_000);
    const { row, record } = await enquiry(id);
    expect(row?.status).toBe("ready");
    expect(record).toBeDefined();
    expect(sandbox.stats().billableCalls).toBe(before + 1);
  });

  it("restarts an enquiry stalled in scoring or rendering from its stored record, without buying it again", async () => {
    const { insertEnquiry } = await import("../helpers/enquiry-fixtures");
    const id = await insertEnquiry(db, fixture.users.manager, "fetching");
    const stallFor3Hours = (status: "fetching" | "scoring" | "rendering") =>
      db.update(schema.enquiries).set({ status, updatedAt: new Date(Date.now() - 3 * 60 * 60_000) }).where(eq(schema.enquiries.id, id));
    await stallFor3Hours("fetching");
    await executor.advanceTime("2m");
    await executor.waitForIdle(30_000);
    expect((await enquiry(id)).row?.status).toBe("ready");
    const billed = sandbox.stats().billableCalls;

    for (const stage of ["scoring", "rendering"] as const) {
      const before = (await enquiry(id)).statuses.length;
      // A crash after the record was stored left it in this stage with no run behind it.
      await stallFor3Hours(stage);
      await executor.advanceTime("2m");
      await executor.waitForIdle(30_000);
      const { row, statuses } = await enquiry(id);
      expect(row?.status).toBe("ready");
      // The remaining stages ran again from the stored record and ended with one new "ready".
      const moves = statuses.slice(before);
      expect(moves.at(-1)).toBe("ready");
      expect(moves.filter((status) => status === "ready")).toHaveLength(1);
    }
    expect(sandbox.stats().billableCalls).toBe(billed);
  });

  it("expires an enquiry whose applicant never answers within 7 days", async () => {
    const response = await submit(fixture.users.landlord, {
      subject: { type: "individual", idNumber: CONSUMER_SCENARIOS.DEBT_REVIEW.idNumber },
      consent: { requestFromApplicant: { email: `silent-${crypto.randomUUID().slice(0, 6)}@fixture.tenantlens.test` } },
    });
    const { id } = (await response.json()) as { id: string };
    await executor.waitForIdle(20_000);
    await executor.advanceTime("8d");
    await executor.waitForIdle(20_000);
    const { row } = await enquiry(id);
    expect(row?.status).toBe("expired");
    expect(row?.billed).toBe(false);
  });

  it("stops before TPN when consent is withdrawn, and never bills it", async () => {
    const before = sandbox.stats().billableCalls;
    const response = await submit(fixture.users.landlord, {
      subject: { type: "individual", idNumber: CONSUMER_SCENARIOS.FRAUD_ALERT.idNumber },
      consent: { requestFromApplicant: { email: `withdraw-${crypto.randomUUID().slice(0, 6)}@fixture.tenantlens.test` } },
    });
    const { id } = (await response.json()) as { id: string };
    const withdraw = (await import("@/app/api/enquiries/[id]/withdraw-consent/route")) as RouteModule;
    const cookie = await fixtures.sessionCookie(fixture.users.landlord);
    const answer = await fixtures.callRoute(withdraw.POST as AppFixtures.RouteHandler, fixtures.apiRequest(`/api/enquiries/${id}/withdraw-consent`, { method: "POST", cookie }), { id });
    expect(await answer.json()).toMatchObject({ stopped: true });
    await executor.advanceTime("8d");
    await executor.waitForIdle(20_000);
    const { row } = await enquiry(id);
    expect(row).toMatchObject({ status: "failed", failureCode: "CONSENT_WITHDRAWN", billed: false });
    expect(sandbox.stats().billableCalls).toBe(before);
  });

  it("offers a recent report of the same applicant instead of buying a new one", async () => {
    const idNumber = CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber;
    const again = await submit(fixture.users.manager, { subject: { type: "individual", idNumber }, consent: attested() });
    expect(again.status).toBe(409);
    const error = ((await again.json()) as { error: { code: string; details: { enquiryId: string } } }).error;
    expect(error.code).toBe("RECENT_REPORT_AVAILABLE");
    expect(error.details.enquiryId).toBe(cleanRecordEnquiryId);
    const forced = await submit(fixture.users.manager, { subject: { type: "individual", idNumber }, consent: attested(), ignoreRecentReport: true });
    expect(forced.status).toBe(202);
    await executor.waitForIdle(20_000);
  });

  it("refuses invalid identity numbers with the field and the exact reason", async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ type: "individual", idNumber: "8001015009088" }, "subject.idNumber", /check digit/i],
      [{ type: "individual", idNumber: "9402315009087" }, "subject.idNumber", /940231 is not a date/],
      [{ type: "individual", idNumber: "80010150090" }, "subject.idNumber", /13 digits/],
      [{ type: "company", registrationNumber: "2016/48291/07" }, "subject.registrationNumber", /./],
      [{ type: "individual", passport: { number: "A12345678", nationality: "XYZ", dateOfBirth: "1990-01-01" } }, "subject.passport.nationality", /./],
      [{ type: "individual" }, "subject.idNumber", /SA ID number/],
    ];
    for (const [subject, field, message] of cases) {
      const response = await submit(fixture.users.solo, { subject, consent: attested() });
      expect(response.status).toBe(422);
      const error = ((await response.json()) as { error: { field: string; message: string } }).error;
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    }
    const future = await submit(fixture.users.solo, {
      subject: { type: "individual", idNumber: CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber },
      consent: { method: "electronic", obtainedAt: new Date(Date.now() + 86_400_000).toISOString(), confirmed: true },
    });
    expect(((await future.json()) as { error: { field: string } }).error.field).toBe("consent.obtainedAt");
  });
});

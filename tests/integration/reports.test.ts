import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMERCIAL_SCENARIOS, CONSUMER_SCENARIOS } from "@/dev/tpn/scenarios";
import type * as Schema from "@/db/schema";
import { waitForMail } from "../helpers/mail";
import type { RouteModule } from "../helpers/route-server";
import { startWorkflowHarness, type WorkflowHarness } from "../helpers/workflow-harness";

interface ReportBody {
  status: string;
  risk: { score: number; band: string; recommendation: { code: string }; reasons: Array<{ code: string; severity: string; sentence: string }> };
  report: { subject: { maskedIdentifier: string } };
  decision: { decision: string; note: string | null } | null;
}

/** What each sandbox scenario's story must come out as. */
const STORIES = [
  { key: "CLEAN_RECORD", band: ["LOW"], recommendation: "ACCEPT", reason: "GOOD_PAYMENT_HISTORY" },
  { key: "LATE_PAYER", band: ["MODERATE", "HIGH"], recommendation: "REFER_FOR_REVIEW", reason: "RENT_PAID_LATE" },
  { key: "DEFAULTER_WITH_JUDGMENT", band: ["VERY_HIGH"], recommendation: "REFER_FOR_REVIEW", reason: "RENT_NOT_PAID" },
  { key: "DEBT_REVIEW", band: ["HIGH"], recommendation: "REFER_FOR_REVIEW", reason: "DEBT_REVIEW" },
  { key: "DECEASED", band: ["HIGH", "VERY_HIGH"], recommendation: "REFER_FOR_REVIEW", reason: "ID_DECEASED" },
  { key: "FRAUD_ALERT", band: ["HIGH", "VERY_HIGH"], recommendation: "REFER_FOR_REVIEW", reason: "FRAUD_ALERT" },
  { key: "NOT_FOUND", band: ["MODERATE", "HIGH"], recommendation: "REFER_FOR_REVIEW", reason: "NO_RECORD" },
] as const;

describe("risk reports", () => {
  let h: WorkflowHarness;
  let schema: typeof Schema;
  let routes: Record<string, RouteModule>;
  const enquiryFor = new Map<string, string>();

  beforeAll(async () => {
    h = await startWorkflowHarness();
    schema = await import("@/db/schema");
    routes = {
      enquiries: await import("@/app/api/enquiries/route"),
      report: await import("@/app/api/reports/[id]/route"),
      pdf: await import("@/app/api/reports/[id]/pdf/route"),
      decision: await import("@/app/api/reports/[id]/decision/route"),
      shareLinks: await import("@/app/api/reports/[id]/share-links/route"),
      shareLink: await import("@/app/api/reports/[id]/share-links/[linkId]/route"),
      shared: await import("@/app/api/shared/[token]/route"),
      sharedPdf: await import("@/app/api/shared/[token]/pdf/route"),
    };
    // Spread over two users: each may start 10 enquiries an hour.
    const submitters = [h.fixture.users.manager, h.fixture.users.landlord];
    const subjects = [
      ...STORIES.map((story) => ({ key: story.key, subject: { type: "individual", idNumber: CONSUMER_SCENARIOS[story.key].idNumber } })),
      { key: "COMPANY_IN_LIQUIDATION", subject: { type: "company", registrationNumber: COMMERCIAL_SCENARIOS.COMPANY_IN_LIQUIDATION.registrationNumber } },
    ];
    for (const [index, { key, subject }] of subjects.entries()) {
      const user = submitters[index % 2 === 0 ? 0 : 1] ?? h.fixture.users.manager;
      const response = await h.call(routes.enquiries ?? {}, "POST", "/api/enquiries", {
        user,
        body: { subject, consent: { method: "electronic", obtainedAt: new Date().toISOString(), confirmed: true }, monthlyRent: 9000, grossMonthlyIncome: 36000 },
      });
      expect(response.status).toBe(202);
      enquiryFor.set(key, ((await response.json()) as { id: string }).id);
    }
    await h.executor.waitForIdle(60_000);
  }, 120_000);

  afterAll(async () => {
    await h.close();
  });

  const id = (key: string) => enquiryFor.get(key) ?? "missing";
  const readReport = (key: string, user = h.fixture.users.manager) =>
    h.call(routes.report ?? {}, "GET", `/api/reports/${id(key)}`, { user, params: { id: id(key) } });

  it.each(STORIES)("turns the $key scenario into the report its story calls for", async (story) => {
    const response = await readReport(story.key);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as ReportBody;
    expect(body.status).toBe("ready");
    expect(story.band).toContain(body.risk.band);
    expect(body.risk.recommendation.code).toBe(story.recommendation);
    expect(body.risk.reasons[0]?.code).toBe(story.reason);
    expect(JSON.stringify(body)).not.toContain(CONSUMER_SCENARIOS[story.key].idNumber);
  });

  it("puts hard stops first and never gives them a clean result", async () => {
    for (const key of ["DECEASED", "FRAUD_ALERT"]) {
      const body = (await (await readReport(key)).json()) as ReportBody;
      expect(body.risk.reasons[0]?.severity).toBe("HARD_STOP");
      expect(["LOW", "MODERATE"]).not.toContain(body.risk.band);
    }
  });

  it("reports a company in liquidation as very high risk", async () => {
    const body = (await (await readReport("COMPANY_IN_LIQUIDATION")).json()) as ReportBody;
    expect(body.risk.band).toBe("VERY_HIGH");
    expect(body.risk.reasons.map((reason) => reason.code)).toContain("COMPANY_IN_LIQUIDATION");
  });

  it("scopes reports like enquiries: a colleague Landlord, another organisation and staff get nothing", async () => {
    // CLEAN_RECORD was submitted by the Property Manager: the agency's Landlord cannot read it.
    expect((await readReport("CLEAN_RECORD", h.fixture.users.landlord)).status).toBe(404);
    expect((await readReport("CLEAN_RECORD", h.fixture.users.otherManager)).status).toBe(404);
    expect((await readReport("CLEAN_RECORD", h.fixture.users.admin)).status).toBe(403);
    // LATE_PAYER was submitted by the Landlord: they and their Property Manager can.
    expect((await readReport("LATE_PAYER", h.fixture.users.landlord)).status).toBe(200);
    expect((await readReport("LATE_PAYER", h.fixture.users.manager)).status).toBe(200);
    const reads = await h.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.action, "report.read"), eq(schema.auditEvents.resourceId, id("LATE_PAYER"))));
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it("downloads the PDF as an attachment whose text carries the assessment but not the ID number", async () => {
    const response = await h.call(routes.pdf ?? {}, "GET", `/api/reports/${id("DEFAULTER_WITH_JUDGMENT")}/pdf`, {
      user: h.fixture.users.manager,
      params: { id: id("DEFAULTER_WITH_JUDGMENT") },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="tenantlens-report-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "report-")), "report.pdf");
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    const report = (await (await readReport("DEFAULTER_WITH_JUDGMENT")).json()) as ReportBody;
    expect(text).toMatch(/very high/i);
    expect(text).toContain(report.risk.reasons[0]?.sentence.slice(0, 40) ?? "missing");
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).not.toContain(CONSUMER_SCENARIOS.DEFAULTER_WITH_JUDGMENT.idNumber);
    expect(text).toContain(CONSUMER_SCENARIOS.DEFAULTER_WITH_JUDGMENT.idNumber.slice(-4));
    const [stored] = await h.db.select().from(schema.reports).where(eq(schema.reports.enquiryId, id("DEFAULTER_WITH_JUDGMENT")));
    expect(stored?.pdfBytes).toBeGreaterThan(1000);
  });

  it("shares a report through an expiring, revocable link, counting and auditing every view", async () => {
    const enquiryId = id("CLEAN_RECORD");
    const manager = h.fixture.users.manager;
    const tooLong = await h.call(routes.shareLinks ?? {}, "POST", `/api/reports/${enquiryId}/share-links`, { user: manager, params: { id: enquiryId }, body: { expiresInDays: 8 } });
    expect(tooLong.status).toBe(422);
    const created = await h.call(routes.shareLinks ?? {}, "POST", `/api/reports/${enquiryId}/share-links`, { user: manager, params: { id: enquiryId }, body: { expiresInDays: 7, label: "Owner" } });
    expect(created.status).toBe(201);
    const link = (await created.json()) as { id: string; url: string };
    const token = new URL(link.url).pathname.split("/").pop() ?? "";

    const visit = () => h.call(routes.shared ?? {}, "GET", `/api/shared/${token}`, { params: { token } });
    expect((await visit()).status).toBe(200);
    const pdf = await h.call(routes.sharedPdf ?? {}, "GET", `/api/shared/${token}/pdf`, { params: { token } });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const [row] = await h.db.select().from(schema.shareLinks).where(eq(schema.shareLinks.id, link.id));
    expect(row?.views).toBe(2);
    const views = await h.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.action, "report.share-link.view"));
    expect(views.filter((event) => event.resourceId === enquiryId)).toHaveLength(2);

    // Another organisation cannot revoke (or see) it; the owner can, and then it is dead.
    const foreign = await h.call(routes.shareLink ?? {}, "DELETE", "/", { user: h.fixture.users.otherManager, params: { id: enquiryId, linkId: link.id } });
    expect(foreign.status).toBe(404);
    expect((await h.call(routes.shareLink ?? {}, "DELETE", "/", { user: manager, params: { id: enquiryId, linkId: link.id } })).status).toBe(204);
    expect((await visit()).status).toBe(404);

    // An expired link is dead too.
    const second = (await (await h.call(routes.shareLinks ?? {}, "POST", "/", { user: manager, params: { id: enquiryId }, body: { expiresInDays: 1 } })).json()) as { id: string; url: string };
    const secondToken = new URL(second.url).pathname.split("/").pop() ?? "";
    await h.db.update(schema.shareLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(schema.shareLinks.id, second.id));
    expect((await h.call(routes.shared ?? {}, "GET", "/", { params: { token: secondToken } })).status).toBe(404);
  });

  it("records the person's decision beside the model's advice (POPIA s71)", async () => {
    const enquiryId = id("LATE_PAYER");
    const invalid = await h.call(routes.decision ?? {}, "POST", "/", { user: h.fixture.users.landlord, params: { id: enquiryId }, body: { decision: "maybe" } });
    expect(invalid.status).toBe(422);
    const saved = await h.call(routes.decision ?? {}, "POST", "/", {
      user: h.fixture.users.landlord,
      params: { id: enquiryId },
      body: { decision: "approved", note: "Larger deposit agreed with the applicant." },
    });
    expect(saved.status).toBe(200);
    const body = (await (await readReport("LATE_PAYER", h.fixture.users.landlord)).json()) as ReportBody;
    expect(body.decision).toMatchObject({ decision: "approved", note: "Larger deposit agreed with the applicant." });
  });

  it("notifies the requester in the app and by email, without the report in the email", async () => {
    const [notification] = await h.db.select().from(schema.notifications).where(eq(schema.notifications.link, `/enquiries/${id("LATE_PAYER")}`));
    expect(notification?.userId).toBe(h.fixture.users.landlord.id);
    const mail = await waitForMail(h.fixture.users.landlord.email, /report is ready/);
    expect(mail.text).toContain(`/enquiries/`);
    expect(mail.text).not.toMatch(/RENT_PAID_LATE|late/i);
  });
});

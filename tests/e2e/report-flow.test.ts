import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailStandIn } from "@/dev/mail/server";
import { CONSUMER_SCENARIOS } from "@/dev/tpn/scenarios";
import type { ReportViewModel } from "@/lib/reports/view-model";
import {
  confirmEmailInNewTab,
  DESKTOP,
  expectFitsPhone,
  launchChromium,
  ON_A_PHONE,
  onServer,
  PHONE,
  signIn,
  signUp,
  watchForProblems,
  type Account,
} from "../helpers/browser";
import { startE2eStack, type E2eStack } from "../helpers/e2e-stack";
import type { StartedServer } from "../helpers/production-server";

const DIST_DIR = ".next-test-reports";
const SCREENS = "/tmp/screens";
/** Long enough that the detail page is open (and live) before TPN answers, so the report arrives in view. */
const TPN_LATENCY_MS = 5_000;
/** TPN, scoring, the PDF render and storage: the report must be on the page well within this. */
const REPORT_TIMEOUT_MS = 60_000;

/** The landlord who signs up. */
const ACCOUNT: Account = {
  name: "Ayanda Nkosi",
  email: `ayanda.${Date.now().toString(36)}@example.co.za`,
  password: "Karoo-thunderstorm-over-Sutherland-7",
};
const REFERENCE = "Flat 12 Kloof Gardens";
const DECISION_NOTE = "Late rent in the last year; declined without a guarantor.";
const SHARE_LABEL = "For the co-owner";

const LATE_PAYER = CONSUMER_SCENARIOS.LATE_PAYER.idNumber;
const MASKED = `•••••••••${LATE_PAYER.slice(-4)}`;

/** What GET /api/reports/:id answers (the parts this test checks the screens and the PDF against). */
interface ReportAnswer {
  id: string;
  status: string;
  report: ReportViewModel;
  pdfAvailable: boolean;
  decision: { decision: string; note: string | null; decidedBy: string | null; decidedAt: string | null } | null;
}

describe("risk report screens in a browser (production build, all stand-ins)", () => {
  let stack: E2eStack | undefined;
  let server: StartedServer;
  let mail: MailStandIn;
  let browser: Browser;
  const downloads = mkdtempSync(path.join(os.tmpdir(), "tenantlens-report-downloads-"));

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    stack = await startE2eStack({ distDir: DIST_DIR, tpnLatencyMs: TPN_LATENCY_MS });
    ({ server, mail } = stack);
    browser = await launchChromium();
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function screenshot(page: Page, name: string) {
    await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
  }

  /** pdftotext output with every run of whitespace collapsed to one space (lines wrap anywhere). */
  function pdfText(file: string): string {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  }

  it(
    "a landlord watches the LATE_PAYER report arrive live, decides, downloads the PDF, shares it and revokes the link",
    async () => {
      const desk = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
      const page = await desk.newPage();
      const problems = watchForProblems(page);
      await signUp(page, server.url, ACCOUNT);
      await signIn(page, server.url, ACCOUNT);
      await confirmEmailInNewTab(desk, mail, server, ACCOUNT.email);

      // Nothing to be told about yet.
      const bell = page.getByTestId("notifications-bell");
      await expect(bell.getAttribute("data-unread")).resolves.toBe("0");

      await page.goto(`${server.url}/enquiries/new`);
      await page.getByRole("textbox", { name: "SA ID number" }).fill(LATE_PAYER);
      await page.getByLabel("First name (optional)").fill("Thandi");
      await page.getByLabel("Surname (optional)").fill("Mokoena");
      await page.getByLabel("Monthly rent (R)").fill("8 750");
      await page.getByLabel("Applicant's gross monthly income (R)").fill("31000");
      await page.getByLabel("Your reference").fill(REFERENCE);
      await page.getByLabel("I confirm the applicant consented").check();
      await page.getByLabel("How consent was given").selectOption("signed_form");
      await page.getByRole("button", { name: "Submit enquiry" }).click();
      await page.waitForURL(/\/enquiries\/[0-9a-f-]{36}$/);
      const enquiryId = /\/enquiries\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? "";
      await page.getByRole("heading", { name: "Thandi Mokoena" }).waitFor();

      // TPN has not answered yet: no report on the page; the page follows the organisation channel.
      await expect(page.getByTestId("report-summary").count()).resolves.toBe(0);
      await page.locator('[data-live="on"]').waitFor({ timeout: 10_000 });
      let loads = 0;
      page.on("load", () => (loads += 1));

      // The report appears on the open page without a page load (status event, then router.refresh()).
      await page.getByTestId("report-summary").waitFor({ timeout: REPORT_TIMEOUT_MS });
      expect(loads).toBe(0);
      expect(page.url()).toBe(`${server.url}/enquiries/${enquiryId}`);

      // The screen against the API's own answer for the same report.
      const answer = await page.request.get(`${server.url}/api/reports/${enquiryId}`);
      expect(answer.status()).toBe(200);
      const data = (await answer.json()) as ReportAnswer;
      const view = data.report;
      expect(data.status).toBe("ready");
      expect(data.pdfAvailable).toBe(true);
      expect(["MODERATE", "HIGH"]).toContain(view.risk.band);
      expect(view.risk.recommendation.code).toBe("REFER_FOR_REVIEW");
      const topReason = view.risk.reasons[0];
      expect(topReason?.code).toBe("RENT_PAID_LATE");
      const reasonSentence = topReason?.sentence ?? "missing";

      const band = page.getByTestId("risk-band").locator("[data-band]");
      await expect(band.getAttribute("data-band")).resolves.toBe(view.risk.band);
      await expect(band.textContent()).resolves.toBe(view.risk.bandLabel);
      await expect(page.getByTestId("risk-score").textContent()).resolves.toBe(String(view.risk.score));
      await expect(page.getByText(reasonSentence, { exact: true }).isVisible()).resolves.toBe(true);
      await expect(page.getByTestId("recommendation").textContent()).resolves.toContain("Refer for review");
      for (const evidence of topReason?.evidence ?? []) await expect(page.getByText(evidence, { exact: true }).first().isVisible()).resolves.toBe(true);
      await expect(page.getByTestId("affordability").textContent()).resolves.toContain(view.risk.affordability?.ratioLabel ?? "missing");
      await expect(page.getByTestId("advice-notice").textContent()).resolves.toContain("POPIA section 71");
      // Masked everywhere; the full number is nowhere in the page.
      await expect(page.getByTestId("report-summary").textContent()).resolves.toContain(MASKED);
      expect(await page.content()).not.toContain(LATE_PAYER);

      // The payment history: 24 cells per lease, the classifications the bureau reported, a legend.
      const leases = page.getByTestId("lease");
      expect(await leases.count()).toBe(view.rentalHistory.length);
      expect(view.rentalHistory.length).toBeGreaterThan(0);
      await expect(leases.first().locator("li[data-classification]").count()).resolves.toBe(24);
      for (const classification of ["PAID_ON_TIME", "GRACE_PERIOD", "PAID_LATE", "PARTIALLY_PAID", "DID_NOT_PAY"] as const) {
        await expect(page.locator(`li[data-classification="${classification}"]`).count(), classification).resolves.toBe(view.paymentTotals[classification]);
      }
      expect(view.paymentTotals.PAID_LATE).toBeGreaterThan(0);
      const newest = view.rentalHistory[0]?.months[0];
      await expect(page.locator(`li[data-period="${newest?.period}"]`).first().getAttribute("title")).resolves.toBe(`${newest?.label}: ${newest?.classificationLabel}`);
      await expect(page.getByTestId("payment-legend").textContent()).resolves.toContain("Partially paid");
      for (const title of ["Defaults", "Judgments", "Notices", "Credit exposure", "ID verification", "Fraud alerts", "Directorships"]) {
        await expect(page.getByRole("heading", { name: title, exact: true }).isVisible(), title).resolves.toBe(true);
      }
      await expect(page.locator("#id-verification").textContent()).resolves.toContain("Verified");

      // The in-app notification arrived on the user's channel; opening the bell lists it, and it can be marked read.
      await page.locator('[data-testid="notifications-bell"][data-unread="1"]').waitFor({ timeout: 15_000 });
      await page.getByLabel("Notifications, 1 unread", { exact: true }).click();
      const notification = page.getByRole("link", { name: new RegExp(`The report for "${REFERENCE}" is ready`) });
      await notification.waitFor();
      await expect(notification.getAttribute("href")).resolves.toBe(`/enquiries/${enquiryId}`);
      await page.getByRole("button", { name: "Mark all read" }).click();
      await page.locator('[data-testid="notifications-bell"][data-unread="0"]').waitFor();
      await page.keyboard.press("Escape");

      // Decision: a person decides (POPIA s71), with a note; the page shows what was stored.
      await expect(page.getByText("No decision recorded yet.").isVisible()).resolves.toBe(true);
      await page.getByRole("button", { name: "Record decision" }).click();
      await page.getByText("Choose approve or decline.").waitFor();
      await page.getByLabel("Decline", { exact: true }).check();
      await page.getByLabel("Note (optional)").fill(DECISION_NOTE);
      await page.getByRole("button", { name: "Record decision" }).click();
      const recorded = page.locator('[data-testid="recorded-decision"][data-decision="declined"]');
      await recorded.waitFor();
      await expect(recorded.textContent()).resolves.toContain(DECISION_NOTE);
      await expect(recorded.textContent()).resolves.toContain(`By ${ACCOUNT.name}`);
      const afterDecision = (await (await page.request.get(`${server.url}/api/reports/${enquiryId}`)).json()) as ReportAnswer;
      expect(afterDecision.decision?.decision).toBe("declined");
      expect(afterDecision.decision?.note).toBe(DECISION_NOTE);

      // Download PDF: an attachment, the page stays; the PDF says what the screen says and masks the ID.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^tenantlens-report-${enquiryId.slice(0, 8)}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
      const pdfFile = path.join(downloads, "report.pdf");
      await download.saveAs(pdfFile);
      const text = pdfText(pdfFile);
      expect(text).toContain(view.risk.bandLabel);
      expect(text).toContain(reasonSentence);
      expect(text).toContain(MASKED);
      expect(text).not.toContain(LATE_PAYER);
      expect(page.url()).toBe(`${server.url}/enquiries/${enquiryId}`);
      expect(loads).toBe(0);

      await screenshot(page, "report-1280");
      await page.getByTestId("report-summary").screenshot({ path: `${SCREENS}/report-summary-1280.png` });
      await page.locator("#payment-history").screenshot({ path: `${SCREENS}/report-chart-1280.png` });

      // Share: the link is shown once, with a copy button, and listed.
      await page.getByLabel("Expires after").selectOption("2");
      await page.getByLabel("Label (optional)").fill(SHARE_LABEL);
      await page.getByRole("button", { name: "Create share link" }).click();
      const created = page.getByTestId("new-share-link");
      await created.waitFor();
      await expect(created.getByRole("button", { name: "Copy link" }).isVisible()).resolves.toBe(true);
      const shareUrl = await created.getByLabel("Share link").inputValue();
      expect(shareUrl).toMatch(/\/shared\/[\w-]{20,}$/);
      const listed = page.locator("[data-share-link]").filter({ hasText: SHARE_LABEL });
      await expect(listed.getAttribute("data-state")).resolves.toBe("active");

      // Someone without an account opens it on a phone: the same report, read-only, with the banner.
      const visitor = await browser.newContext({ ...ON_A_PHONE, acceptDownloads: true });
      const shared = await visitor.newPage();
      const sharedProblems = watchForProblems(shared);
      // The share link uses APP_URL too.
      await shared.goto(onServer(shareUrl, server.url));
      const banner = shared.getByTestId("shared-banner");
      await banner.waitFor();
      await expect(banner.textContent()).resolves.toMatch(new RegExp(`Shared with you by ${view.organisationName}, link expires .+\\.`));
      await expect(shared.getByTestId("risk-band").locator("[data-band]").textContent()).resolves.toBe(view.risk.bandLabel);
      await expect(shared.getByText(reasonSentence, { exact: true }).isVisible()).resolves.toBe(true);
      await expect(shared.getByRole("button", { name: "Record decision" }).count()).resolves.toBe(0);
      await expect(shared.getByRole("heading", { name: "Share this report" }).count()).resolves.toBe(0);
      await expect(shared.getByText(DECISION_NOTE).count()).resolves.toBe(0);
      expect(await shared.content()).not.toContain(LATE_PAYER);
      const sharedPdfHref = await shared.getByRole("link", { name: "Download PDF" }).getAttribute("href");
      expect(sharedPdfHref).toBe(`${new URL(shareUrl).pathname.replace("/shared/", "/api/shared/")}/pdf`);
      const [sharedDownload] = await Promise.all([shared.waitForEvent("download"), shared.getByRole("link", { name: "Download PDF" }).click()]);
      const sharedPdf = path.join(downloads, "shared.pdf");
      await sharedDownload.saveAs(sharedPdf);
      expect(pdfText(sharedPdf)).toContain(reasonSentence);
      await expectFitsPhone(shared);
      await screenshot(shared, "report-shared-375");

      // Revoke (asks first); the list shows it revoked with the views counted.
      await listed.getByRole("button", { name: "Revoke" }).click();
      await listed.getByRole("button", { name: "Yes, revoke the link" }).click();
      await page.locator("[data-share-link][data-state='revoked']").filter({ hasText: SHARE_LABEL }).waitFor();
      const views = Number(await page.locator("[data-share-link]").filter({ hasText: SHARE_LABEL }).getByTestId("share-link-views").textContent().then((value) => value?.split(",")[0]));
      expect(views).toBeGreaterThanOrEqual(1);
      await expect(page.getByTestId("new-share-link").count()).resolves.toBe(0);

      // The visitor's next visit: a clear message, not the report and not an error page.
      await shared.reload();
      await shared.getByRole("heading", { name: "This report is no longer available" }).waitFor();
      await expect(shared.getByTestId("report-summary").count()).resolves.toBe(0);
      await expectFitsPhone(shared);
      await screenshot(shared, "report-shared-revoked-375");
      const pdfAfterRevoke = await visitor.request.get(`${server.url}${sharedPdfHref}`);
      expect(pdfAfterRevoke.status()).toBe(404);
      expect(sharedProblems).toEqual([]);
      await visitor.close();

      // The same report on a phone: fits the width (the chart scrolls inside its own box if it must).
      const signedIn = await desk.storageState();
      const phone = await browser.newContext({ ...ON_A_PHONE, storageState: signedIn });
      const mobile = await phone.newPage();
      const mobileProblems = watchForProblems(mobile);
      await mobile.goto(`${server.url}/enquiries/${enquiryId}`);
      await mobile.getByTestId("report-summary").waitFor();
      await expect(mobile.getByTestId("risk-band").locator("[data-band]").textContent()).resolves.toBe(view.risk.bandLabel);
      await expect(mobile.locator('[data-testid="recorded-decision"][data-decision="declined"]').isVisible()).resolves.toBe(true);
      await mobile.locator("[data-share-link][data-state='revoked']").first().waitFor();
      await expectFitsPhone(mobile);
      await screenshot(mobile, "report-375");
      // The notifications panel fits the phone too.
      await mobile.getByTestId("notifications-bell").click();
      await mobile.getByRole("link", { name: new RegExp(`The report for "${REFERENCE}" is ready`) }).waitFor();
      await expectFitsPhone(mobile);
      const panel = await mobile.getByRole("list", { name: "Notifications" }).boundingBox();
      expect(panel && panel.x >= 0 && panel.x + panel.width <= PHONE.width, JSON.stringify(panel)).toBe(true);
      await mobile.screenshot({ path: `${SCREENS}/report-notifications-375.png` });
      expect(mobileProblems).toEqual([]);
      await phone.close();

      expect(problems).toEqual([]);
      await desk.close();
    },
    240_000,
  );
});

import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailStandIn } from "@/dev/mail/server";
import { CONSUMER_SCENARIOS } from "@/dev/tpn/scenarios";
import {
  confirmEmailInNewTab,
  DESKTOP,
  expectFitsPhone,
  launchChromium,
  linkInMail,
  ON_A_PHONE,
  onServer,
  openPhoneMenuItem,
  signIn,
  signUp,
  waitForMail,
  watchForProblems,
  type Account,
} from "../helpers/browser";
import { startE2eStack, type E2eStack } from "../helpers/e2e-stack";
import type { StartedServer } from "../helpers/production-server";

const DIST_DIR = ".next-test-enquiries";
const SCREENS = "/tmp/screens";
/** Long enough that the detail page is open before TPN answers, so the move to scoring happens in view. */
const TPN_LATENCY_MS = 6_000;
/** The detail page's safety-net poll while live updates are on: scoring must show before the first one. */
const SAFETY_POLL_MS = 15_000;

/** The landlord who signs up. */
const ACCOUNT: Account = {
  name: "Lerato Dlamini",
  email: `lerato.${Date.now().toString(36)}@example.co.za`,
  password: "Drakensberg-mist-over-Cathedral-Peak-4",
};
const APPLICANT_EMAIL = `applicant.${Date.now().toString(36)}@example.co.za`;

const CLEAN = CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber;
const LATE_PAYER = CONSUMER_SCENARIOS.LATE_PAYER.idNumber;
/** CLEAN_RECORD with its last (check) digit changed. */
const BAD_CHECK_DIGIT = `${CLEAN.slice(0, 12)}${(Number(CLEAN.slice(12)) + 1) % 10}`;

describe("enquiry screens in a browser (production build, all stand-ins)", () => {
  let stack: E2eStack | undefined;
  let server: StartedServer;
  let mail: MailStandIn;
  let browser: Browser;
  /** Signed-in browser state, shared by the phone and desktop contexts after the first test signs up. */
  let signedIn: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;

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

  /**
   * Waits until the timeline has reached the assessment (scoring) step, and checks the page says what is
   * happening while it is there. Once the report workflow completes enquiries, the page may already be
   * past scoring; the step then shows as done.
   */
  async function waitForScoring(page: Page, timeout: number) {
    await page.locator('[data-step="scoring"][data-state="current"], [data-step="scoring"][data-state="done"]').waitFor({ timeout });
    const status = await page.locator("h1 + div [data-status]").first().getAttribute("data-status");
    expect(status).toMatch(/^(scoring|rendering|ready)$/);
    if (status === "scoring" || status === "rendering") {
      await expect(page.getByText("TPN record received; the risk report is being prepared").isVisible()).resolves.toBe(true);
      await expect(page.locator('[data-step="scoring"]').getAttribute("aria-current")).resolves.toBe("step");
    }
  }

  async function screenshot(page: Page, name: string) {
    await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
  }

  it(
    "on a phone: signs up, rejects a bad ID as it is typed, submits an attested enquiry and watches it reach scoring live",
    async () => {
      const context = await browser.newContext(ON_A_PHONE);
      const page = await context.newPage();
      const problems = watchForProblems(page);

      // Register and sign in straight away, before confirming the email (the app allows that).
      await signUp(page, server.url, ACCOUNT);
      await signIn(page, server.url, ACCOUNT);

      // Enquiries from the phone menu: nothing yet.
      await openPhoneMenuItem(page, "Enquiries");
      await page.waitForURL(`${server.url}/enquiries`);
      await page.getByRole("heading", { name: "No enquiries yet" }).waitFor();
      await expect(page.getByTestId("usage").textContent()).resolves.toMatch(/This month: 0 enquiries, 0 billed/);
      await expectFitsPhone(page);
      await screenshot(page, "enquiries-empty-375");

      await page.getByRole("link", { name: "New enquiry" }).click();
      await page.waitForURL(`${server.url}/enquiries/new`);
      await page.getByRole("heading", { name: "New enquiry" }).waitFor();
      await expectFitsPhone(page);

      // The ID number is checked in the browser as it is typed, with the server's own rule and words.
      const idField = page.getByRole("textbox", { name: "SA ID number" });
      await idField.pressSequentially(BAD_CHECK_DIGIT);
      await page.getByText("The check digit does not match.").waitFor({ timeout: 2_000 });
      await expect(idField.getAttribute("aria-invalid")).resolves.toBe("true");
      await idField.fill("");
      await idField.pressSequentially("85031A");
      await page.getByText("An SA ID number has only digits.").waitFor({ timeout: 2_000 });
      await idField.fill(CLEAN);
      await expect(page.getByText("The check digit does not match.").count()).resolves.toBe(0);
      await expect(idField.getAttribute("aria-invalid")).resolves.toBeNull();

      // Submitting without a consent choice is stopped in the browser, next to the choice.
      await page.getByRole("button", { name: "Submit enquiry" }).click();
      await page.getByText("Choose how the applicant gives consent.").waitFor();
      expect(page.url()).toBe(`${server.url}/enquiries/new`);

      await page.getByLabel("First name (optional)").fill("Naledi");
      await page.getByLabel("Surname (optional)").fill("Khumalo");
      await page.getByLabel("Monthly rent (R)").fill("8 500");
      await page.getByLabel("Applicant's gross monthly income (R)").fill("32000");
      await page.getByLabel("Your reference").fill("Unit 4B Sea Point");
      await page.getByLabel("I confirm the applicant consented").check();
      await page.getByLabel("How consent was given").selectOption("signed_form");
      await expect(page.getByLabel("Date and time obtained (SA time)").inputValue()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      await page.getByText("What the applicant consents to").click();
      await page.getByText("TPN Credit Bureau for one purpose only", { exact: false }).waitFor();
      await expectFitsPhone(page);
      await screenshot(page, "enquiry-new-375");

      // The email is not confirmed yet: the server refuses, and the form says what to do, near the button.
      await page.getByRole("button", { name: "Submit enquiry" }).click();
      const refusal = page.getByRole("alert").filter({ hasText: "Confirm your email address before your first enquiry." });
      await refusal.waitFor();
      expect(page.url()).toBe(`${server.url}/enquiries/new`);
      await expectFitsPhone(page);
      await screenshot(page, "enquiry-email-unverified-375");

      // Confirm it from the mail in another tab; the filled-in form is still there afterwards.
      await confirmEmailInNewTab(context, mail, server, ACCOUNT.email);

      // Count full page loads from here: the detail page must move without one.
      let loads = 0;
      page.on("load", () => (loads += 1));
      const statusFrames: string[] = [];
      page.on("websocket", (socket) => socket.on("framereceived", ({ payload }) => {
        if (typeof payload === "string" && payload.includes("enquiry.status")) statusFrames.push(payload);
      }));

      await page.getByRole("button", { name: "Submit enquiry" }).click();
      await page.waitForURL(/\/enquiries\/[0-9a-f-]{36}$/);
      const enquiryId = /\/enquiries\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? "";
      const landedAt = Date.now();
      await page.getByRole("heading", { name: "Naledi Khumalo" }).waitFor();
      await expect(page.getByText("•••••••••3088").first().isVisible()).resolves.toBe(true);
      await expect(page.getByText("R 8 500,00").isVisible()).resolves.toBe(true);
      await expect(page.getByText("Signed consent form").isVisible()).resolves.toBe(true);
      // TPN has not answered yet: the assessment step has not started.
      await expect(page.locator('[data-step="scoring"]').getAttribute("data-state")).resolves.toBe("upcoming");
      await page.locator('[data-live="on"]').waitFor({ timeout: 10_000 });
      const loadsOnArrival = loads;

      // TPN answers after TPN_LATENCY_MS; the Pusher event moves the page, well before the safety poll.
      await waitForScoring(page, SAFETY_POLL_MS - 2_000);
      expect(Date.now() - landedAt).toBeLessThan(SAFETY_POLL_MS);
      await expect(page.locator('[data-step="fetching"]').getAttribute("data-state")).resolves.toBe("done");
      expect(loads).toBe(loadsOnArrival);
      expect(statusFrames.some((frame) => frame.includes(enquiryId) && frame.includes("scoring"))).toBe(true);
      await expectFitsPhone(page);
      await screenshot(page, "enquiry-detail-375");

      // The list shows it with its status, masked number and reference.
      await page.getByRole("link", { name: "All enquiries" }).click();
      await page.waitForURL(`${server.url}/enquiries`);
      const row = page.locator(`[data-enquiry-id="${enquiryId}"]`);
      await row.waitFor();
      await expect(row.locator("[data-status]").getAttribute("data-status")).resolves.toMatch(/^(scoring|rendering|ready)$/);
      await expect(row.textContent()).resolves.toContain("Unit 4B Sea Point");
      await expect(row.textContent()).resolves.toContain("•••••••••3088");
      await expect(page.getByTestId("usage").textContent()).resolves.toMatch(/This month: 1 enquiry, 1 billed/);
      await expectFitsPhone(page);
      await screenshot(page, "enquiries-list-375");

      expect(problems).toEqual([]);
      signedIn = await context.storageState();
      await context.close();
    },
    180_000,
  );

  it(
    "on a desktop: asks the applicant by email; the applicant consents on a phone and the open detail page follows",
    async () => {
      expect(signedIn, "the first test signs the landlord up").toBeDefined();
      const desk = await browser.newContext({ viewport: DESKTOP, storageState: signedIn });
      const page = await desk.newPage();
      const problems = watchForProblems(page);

      await page.goto(`${server.url}/enquiries/new`);
      await page.getByRole("textbox", { name: "SA ID number" }).fill(LATE_PAYER);
      await page.getByLabel("First name (optional)").fill("Johan");
      await page.getByLabel("Surname (optional)").fill("van der Merwe");
      await page.getByLabel("Ask the applicant by email").check();
      await page.getByLabel("Applicant's email address").fill("not-an-address");
      await page.getByLabel("Applicant's email address").blur();
      await page.getByText("Enter a valid email address.").waitFor();
      await page.getByLabel("Applicant's email address").fill(APPLICANT_EMAIL);
      await page.getByLabel("Monthly rent (R)").fill("12,500.50");
      await screenshot(page, "enquiry-new-1280");
      await page.getByRole("button", { name: "Submit enquiry" }).click();
      await page.waitForURL(/\/enquiries\/[0-9a-f-]{36}$/);
      await page.getByText("Waiting for the applicant's consent").waitFor();
      await expect(page.locator('[data-step="consent"]').getAttribute("aria-current")).resolves.toBe("step");
      await page.locator('[data-live="on"]').waitFor({ timeout: 10_000 });
      await screenshot(page, "enquiry-awaiting-consent-1280");

      // The applicant opens the emailed link on a phone, with no account.
      const request = await waitForMail(mail, server, (message) => message.to.includes(APPLICANT_EMAIL));
      const consentLink = linkInMail(request, /https?:\/\/\S+\/consent\/[\w-]+/);
      const phone = await browser.newContext(ON_A_PHONE);
      const applicant = await phone.newPage();
      const applicantProblems = watchForProblems(applicant);
      await applicant.goto(onServer(consentLink, server.url));
      await applicant.getByRole("heading", { name: /asks for your consent/ }).waitFor();
      await expect(applicant.getByText("ID number ending 6083").isVisible()).resolves.toBe(true);
      await expect(applicant.getByText("Johan van der Merwe").isVisible()).resolves.toBe(true);
      await expectFitsPhone(applicant);
      await screenshot(applicant, "consent-375");
      // Consenting needs the details confirmed first.
      await applicant.getByRole("button", { name: "I consent", exact: true }).click();
      await applicant.getByText("Tick the box to confirm these are your details", { exact: false }).waitFor();
      await applicant.getByLabel("These are my details").check();
      await applicant.getByRole("button", { name: "I consent", exact: true }).click();
      await applicant.getByRole("heading", { name: "Thank you: your consent is recorded" }).waitFor();
      await expectFitsPhone(applicant);
      await screenshot(applicant, "consent-granted-375");
      // The link is single-use.
      await applicant.reload();
      await applicant.getByRole("heading", { name: "This link no longer works" }).waitFor();
      await screenshot(applicant, "consent-invalid-375");
      expect(applicantProblems).toEqual([]);
      await phone.close();

      // The landlord's open page moves on by itself: consent recorded, then on towards TPN.
      await page.locator('[data-step="consent"][data-state="done"]').waitFor({ timeout: SAFETY_POLL_MS - 2_000 });
      await expect(page.getByText("Consent given").isVisible()).resolves.toBe(true);
      await expect(page.getByText("The applicant, through the TenantLens link").isVisible()).resolves.toBe(true);
      await waitForScoring(page, TPN_LATENCY_MS + 10_000);
      await screenshot(page, "enquiry-detail-1280");

      await page.goto(`${server.url}/enquiries`);
      await expect(page.locator("[data-enquiry-id]").count()).resolves.toBe(2);
      await screenshot(page, "enquiries-list-1280");
      // Search by reference narrows the list.
      await page.getByLabel("Reference", { exact: true }).fill("Sea Point");
      await page.getByRole("button", { name: "Filter" }).click();
      await page.waitForURL(/reference=Sea\+Point/);
      await expect(page.locator("[data-enquiry-id]").count()).resolves.toBe(1);
      expect(problems).toEqual([]);
      await desk.close();
    },
    120_000,
  );

  it(
    "withdrawing consent stops an enquiry that waits for the applicant, with the reason shown",
    async () => {
      expect(signedIn, "the first test signs the landlord up").toBeDefined();
      const context = await browser.newContext({ ...ON_A_PHONE, storageState: signedIn });
      const page = await context.newPage();
      const problems = watchForProblems(page);
      await page.goto(`${server.url}/enquiries/new`);
      await page.getByRole("radio", { name: /^Company/ }).check();
      await page.getByRole("textbox", { name: "CIPC registration number" }).fill("2015/123456/99");
      await page.getByRole("textbox", { name: "CIPC registration number" }).blur();
      await page.getByText("99 is not a CIPC entity type code", { exact: false }).waitFor();
      await page.getByRole("textbox", { name: "CIPC registration number" }).fill("2015/123456/07");
      await page.getByLabel("Ask the applicant by email").check();
      await page.getByLabel("Applicant's email address").fill(`director.${Date.now().toString(36)}@example.co.za`);
      await page.getByRole("button", { name: "Submit enquiry" }).click();
      await page.waitForURL(/\/enquiries\/[0-9a-f-]{36}$/);
      await page.getByText("Waiting for the applicant's consent").waitFor();

      await page.getByRole("button", { name: "Withdraw consent" }).click();
      await page.getByRole("button", { name: "Yes, withdraw consent" }).click();
      await page.getByText("The check could not be completed").waitFor();
      await expect(page.getByText("Consent was withdrawn before the check ran, so TPN was not contacted.").first().isVisible()).resolves.toBe(true);
      await expect(page.locator('[data-step="consent"]').getAttribute("data-state")).resolves.toBe("stopped");
      await expect(page.getByRole("button", { name: "Withdraw consent" }).count()).resolves.toBe(0);
      // The refreshed record lists the withdrawal and when the enquiry finished.
      await page.getByText("Withdrawn or declined").waitFor();
      await page.getByText("Finished").waitFor();
      await expectFitsPhone(page);
      await screenshot(page, "enquiry-failed-375");
      expect(problems).toEqual([]);
      await context.close();
    },
    60_000,
  );
});

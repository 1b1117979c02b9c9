import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailStandIn, type CapturedMail, type MailStandIn } from "@/dev/mail/server";
import { currentTotpCode } from "@/lib/auth/totp";
import { buildForProduction, productionEnv, startProductionServer, waitForHttp, type StartedServer } from "../helpers/production-server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const DIST_DIR = ".next-test-accounts";
const PHONE = { width: 375, height: 812 };
const TOTP_PERIOD_MS = 30_000;

const NAME = "Thandi Mokoena";
const EMAIL = `thandi.${Date.now().toString(36)}@example.co.za`;
const PASSWORD = "Karoo-sunrise-over-Prince-Albert-7";

describe("account screens in a phone-sized browser (production build)", () => {
  let server: StartedServer;
  let mail: MailStandIn;
  let browser: Browser;

  beforeAll(async () => {
    mail = await startMailStandIn({ smtpPort: 0, httpPort: 0 });
    await buildForProduction(DIST_DIR);
    server = await startProductionServer(
      productionEnv({ NEXT_DIST_DIR: DIST_DIR, SMTP_URL: mail.smtpUrl, DEV_MAIL_OUTBOX_URL: mail.outboxUrl }),
    );
    await waitForHttp(`${server.url}/`, server);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-quic",
        "--disable-sync",
      ],
    });
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mail?.close();
  });

  /** The mail stand-in keeps what the app sent; /api/dev/mail is off in production, so read it directly. */
  async function waitForMail(predicate: (message: CapturedMail) => boolean, timeoutMs = 15_000): Promise<CapturedMail> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = mail.messages().find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`no matching mail; received: ${mail.messages().map((message) => message.subject).join(" | ") || "none"}\n${server.output()}`);
  }

  /** Nothing may be wider than the phone: no sideways scrolling on any screen. */
  async function expectFitsPhone(page: Page) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${page.url()} is wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  }

  async function openMobileMenuItem(page: Page, name: string | RegExp) {
    await page.getByText("Menu", { exact: true }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
  }

  it(
    "signs up, confirms the email, signs in, turns on two-factor, and signs in again with a code",
    async () => {
      const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy|Hydration|hydrat/i.test(message.text())) problems.push(message.text());
      });

      // 1. Sign up as a landlord.
      await page.goto(`${server.url}/sign-up`);
      await expect(page.getByRole("heading", { name: "Create your account" }).isVisible()).resolves.toBe(true);
      await expectFitsPhone(page);
      await expect(page.getByRole("radio", { name: /Landlord/ }).isChecked()).resolves.toBe(true);
      await page.getByLabel("Your name").fill(NAME);
      await page.getByLabel("Email").fill(EMAIL);
      // Too short first: the message sits under the field and the field says it is invalid.
      await page.getByLabel("Password", { exact: true }).fill("short");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByText("Use at least 12 characters; this has 5.").waitFor();
      await expect(page.getByLabel("Password", { exact: true }).getAttribute("aria-invalid")).resolves.toBe("true");
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      await expect(page.getByText(EMAIL).isVisible()).resolves.toBe(true);

      // 2. The confirmation email carries a single-use link to /verify-email.
      const verification = await waitForMail((message) => message.to.includes(EMAIL) && /confirm your email/i.test(message.subject));
      const linkText = /https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(verification.text)?.[0];
      expect(linkText, verification.text).toBeDefined();
      const link = new URL(linkText ?? "");
      // The app was not told its own port (APP_URL), so follow the link's path on the server under test.
      await page.goto(new URL(link.pathname + link.search, server.url).toString());
      await page.getByRole("button", { name: "Confirm my email" }).click();
      await page.getByText("Email confirmed").waitFor();
      await expectFitsPhone(page);
      await page.getByRole("link", { name: "Sign in" }).click();

      // 3. Sign in; the notice says why we are here.
      await page.waitForURL(/\/sign-in\?notice=email-verified/);
      await page.getByText("Your email address is confirmed.").waitFor();
      await expectFitsPhone(page);
      await page.getByLabel("Email").fill(EMAIL);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${server.url}/dashboard`);
      await page.getByRole("heading", { name: "Welcome, Thandi" }).waitFor();
      await expect(page.getByText("Confirm your email before your first enquiry").count()).resolves.toBe(0);
      await expect(page.getByText("Two-factor off").isVisible()).resolves.toBe(true);
      await expectFitsPhone(page);

      // 4. Turn on two-factor from the security settings, reached through the phone menu.
      await openMobileMenuItem(page, "Settings");
      await page.waitForURL(`${server.url}/settings`);
      await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Security" }).click();
      await page.waitForURL(`${server.url}/settings/security`);
      await expectFitsPhone(page);
      await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
      const twoFactor = page.getByRole("region", { name: "Two-factor authentication" });
      await twoFactor.getByLabel("Current password").fill(PASSWORD);
      await twoFactor.getByRole("button", { name: "Continue" }).click();
      const secretText = await page.getByTestId("totp-secret").textContent({ timeout: 15_000 });
      const secret = (secretText ?? "").replace(/\s/g, "");
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await expect(page.getByRole("img", { name: "QR code for your authenticator app" }).isVisible()).resolves.toBe(true);
      await expectFitsPhone(page);

      // A wrong code is refused next to the field.
      await page.getByLabel("6-digit code").fill(currentTotpCode(secret, Date.now() + 10 * TOTP_PERIOD_MS));
      await page.getByRole("button", { name: "Turn on two-factor" }).click();
      await page.getByText("That code is not correct.", { exact: false }).waitFor();
      await expect(page.getByLabel("6-digit code").getAttribute("aria-invalid")).resolves.toBe("true");

      const enrolledAt = Date.now();
      await page.getByLabel("6-digit code").fill(currentTotpCode(secret, enrolledAt));
      await page.getByRole("button", { name: "Turn on two-factor" }).click();
      await page.getByText("Save your recovery codes now").waitFor();
      const codes = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allTextContents();
      expect(codes).toHaveLength(10);
      for (const code of codes) expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
      await expectFitsPhone(page);
      await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
      await twoFactor.getByText("On", { exact: true }).waitFor();

      // 5. Sign out from the phone menu.
      await page.getByText("Menu", { exact: true }).click();
      await page.getByRole("button", { name: "Sign out", exact: true }).click();
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/dashboard`);
      await page.waitForURL(/\/sign-in\?callbackUrl=%2Fdashboard/);

      // 6. Sign in again: the password alone is not enough now.
      await page.getByLabel("Email").fill(EMAIL);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      const codeField = page.getByLabel("Authentication code");
      await codeField.waitFor();
      await expectFitsPhone(page);

      await codeField.fill("000000");
      await page.getByRole("button", { name: "Verify and sign in" }).click();
      await page.getByText("That code did not work.", { exact: false }).waitFor();
      expect(page.url()).toContain("/sign-in");

      // The enrolment used up its code's 30-second step; codes are single-use, so wait for the next one.
      const enrolledStep = Math.floor(enrolledAt / TOTP_PERIOD_MS);
      const nextStepAt = (enrolledStep + 1) * TOTP_PERIOD_MS;
      if (Date.now() < nextStepAt + 500) await new Promise((resolve) => setTimeout(resolve, nextStepAt + 500 - Date.now()));
      await codeField.fill(currentTotpCode(secret));
      await page.getByRole("button", { name: "Verify and sign in" }).click();
      await page.waitForURL(`${server.url}/dashboard`);
      await page.getByRole("heading", { name: "Welcome, Thandi" }).waitFor();
      await expect(page.getByText("Two-factor on").isVisible()).resolves.toBe(true);

      expect(problems).toEqual([]);
      await context.close();
    },
    180_000,
  );
});

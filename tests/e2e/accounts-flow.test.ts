import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailStandIn, type MailStandIn } from "@/dev/mail/server";
import { currentTotpCode } from "@/lib/auth/totp";
import { emailConfirmationLink, expectFitsPhone, launchChromium, ON_A_PHONE, openPhoneMenuItem, submitSignIn, watchForProblems } from "../helpers/browser";
import { buildForProduction, productionEnv, startProductionServer, waitForHttp, type StartedServer } from "../helpers/production-server";

const DIST_DIR = ".next-test-accounts";
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
    browser = await launchChromium();
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mail?.close();
  });

  it(
    "signs up, confirms the email, signs in, turns on two-factor, signs out another device, and signs in again with a code",
    async () => {
      const context = await browser.newContext(ON_A_PHONE);
      const page = await context.newPage();
      const problems = watchForProblems(page);

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
      // The app was not told its own port (APP_URL), so the link is followed on the server under test.
      await page.goto(await emailConfirmationLink(mail, server, EMAIL));
      await page.getByRole("button", { name: "Confirm my email" }).click();
      await page.getByText("Email confirmed").waitFor();
      await expectFitsPhone(page);
      await page.getByRole("link", { name: "Sign in" }).click();

      // 3. Sign in; the notice says why we are here.
      await page.waitForURL(/\/sign-in\?notice=email-verified/);
      await page.getByText("Your email address is confirmed.").waitFor();
      await expectFitsPhone(page);
      await submitSignIn(page, { email: EMAIL, password: PASSWORD });
      await page.waitForURL(`${server.url}/dashboard`);
      await page.getByRole("heading", { name: "Welcome, Thandi" }).waitFor();
      await expect(page.getByText("Confirm your email before your first enquiry").count()).resolves.toBe(0);
      await expect(page.getByText("Two-factor off").isVisible()).resolves.toBe(true);
      await expectFitsPhone(page);

      // The same person is also signed in on a desktop browser.
      const desktopContext = await browser.newContext({ userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" });
      const desktop = await desktopContext.newPage();
      await desktop.goto(`${server.url}/sign-in`);
      await submitSignIn(desktop, { email: EMAIL, password: PASSWORD });
      await desktop.waitForURL(`${server.url}/dashboard`);

      // 4. Turn on two-factor from the security settings, reached through the phone menu.
      await openPhoneMenuItem(page, "Settings");
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

      // The desktop session is listed by name and can be signed out from the phone.
      const sessions = page.getByTestId("session-list");
      await sessions.getByText("This device").waitFor();
      const desktopRow = sessions.getByRole("listitem").filter({ hasText: "Chrome on Windows" });
      await desktopRow.getByRole("button", { name: "Sign out" }).click();
      await desktopRow.getByRole("button", { name: "Sign it out" }).click();
      await desktopRow.waitFor({ state: "detached" });
      await expectFitsPhone(page);
      await desktop.goto(`${server.url}/dashboard`);
      await desktop.waitForURL(/\/sign-in\?callbackUrl=%2Fdashboard/);
      await desktopContext.close();
      const [phoneSession] = (await context.cookies()).filter((cookie) => cookie.name.endsWith("authjs.session-token"));
      if (!phoneSession) throw new Error("the phone has no session cookie");

      // 5. Sign out from the phone menu.
      await page.getByText("Menu", { exact: true }).click();
      await page.getByRole("button", { name: "Sign out", exact: true }).click();
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/dashboard`);
      await page.waitForURL(/\/sign-in\?callbackUrl=%2Fdashboard/);
      // Signing out ended the session itself: a copy of the cookie taken before is refused too.
      const replayed = await fetch(`${server.url}/api/account`, { headers: { cookie: `${phoneSession.name}=${phoneSession.value}` } });
      expect(replayed.status).toBe(401);

      // 6. Sign in again: the password alone is not enough now.
      await submitSignIn(page, { email: EMAIL, password: PASSWORD });
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

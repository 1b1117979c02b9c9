/**
 * What the browser (e2e) tests share: Chromium and its flags, the phone and desktop sizes, the checks
 * every screen gets (fits the phone, no page errors), the mail stand-in's outbox, and the account steps
 * (sign up, sign in, confirm the email) that open most flows. Each takes what it works on as parameters.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import type { CapturedMail, MailStandIn } from "@/dev/mail/server";
import type { StartedServer } from "./production-server";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };
/** Context options for a phone: its size, with touch and the mobile viewport meta honoured. */
export const ON_A_PHONE = { viewport: PHONE, hasTouch: true, isMobile: true };

/** The server under test, as far as these helpers need it: where it answers, and its log for failures. */
export type ServerUnderTest = Pick<StartedServer, "url" | "output">;

/** An account a test signs up with (or in as). */
export interface Account {
  name: string;
  email: string;
  password: string;
}

/** Chromium as the tests run it. Playwright gives every launch a fresh temporary profile of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
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
}

/**
 * Links in mails and share links use APP_URL, which the app under test was not given (it does not know
 * its own port): the same path and query on the server under test.
 */
export function onServer(link: string, serverUrl: string): string {
  const url = new URL(link);
  return new URL(url.pathname + url.search, serverUrl).toString();
}

/** Nothing may be wider than the phone: no sideways scrolling on any screen. */
export async function expectFitsPhone(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${page.url()} is wider than the phone`).toBeLessThanOrEqual(PHONE.width);
}

export interface ProblemWatch {
  /** Every console error, not only CSP, hydration and "Refused to …" ones. */
  everyConsoleError?: boolean;
  /** Also every answer with a 4xx or 5xx status, sub-resources included. */
  failedResponses?: boolean;
}

/** Console errors that mean the page is broken even when it looks right: a blocked script or connection, a hydration mismatch. */
const PAGE_BREAKING_CONSOLE_ERROR = /Content Security Policy|Hydration|hydrat|Refused to/i;

/**
 * Collects what goes wrong on a page from now on: uncaught page errors, and console errors from a CSP
 * block, a refused load or connection, or a hydration mismatch (`watch` widens that). Returns the list,
 * which fills as the page runs; a test ends with `expect(problems).toEqual([])`.
 */
export function watchForProblems(page: Page, watch: ProblemWatch = {}): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (watch.everyConsoleError || PAGE_BREAKING_CONSOLE_ERROR.test(message.text())) problems.push(message.text());
  });
  if (watch.failedResponses) {
    page.on("response", (answer) => {
      if (answer.status() >= 400) problems.push(`${answer.status()} ${answer.url()}`);
    });
  }
  return problems;
}

/**
 * Waits for a mail the app sent, read straight from the mail stand-in (/api/dev/mail is off in
 * production). On a timeout, the error lists the subjects that did arrive and the server's log.
 */
export async function waitForMail(
  mail: MailStandIn,
  server: ServerUnderTest,
  matches: (message: CapturedMail) => boolean,
  timeoutMs = 15_000,
): Promise<CapturedMail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = mail.messages().find(matches);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const received = mail.messages().map((message) => message.subject).join(" | ") || "none";
  throw new Error(`no matching mail; received: ${received}\n${server.output()}`);
}

/** The first link in a mail's text that matches `pattern`, failing with the mail's text when there is none. */
export function linkInMail(message: CapturedMail, pattern: RegExp): string {
  const link = pattern.exec(message.text)?.[0];
  expect(link, message.text).toBeDefined();
  return link ?? "";
}

/** The single-use /verify-email link from the "Confirm your email" mail to `email`, on the server under test. */
export async function emailConfirmationLink(mail: MailStandIn, server: ServerUnderTest, email: string): Promise<string> {
  const confirmation = await waitForMail(mail, server, (message) => message.to.includes(email) && /confirm your email/i.test(message.subject));
  return onServer(linkInMail(confirmation, /https?:\/\/\S+\/verify-email\?token=[\w-]+/), server.url);
}

/** Confirms `email` from its mail in a tab of its own (the page the test is on stays as it is). */
export async function confirmEmailInNewTab(context: BrowserContext, mail: MailStandIn, server: ServerUnderTest, email: string): Promise<void> {
  const link = await emailConfirmationLink(mail, server, email);
  const mailTab = await context.newPage();
  await mailTab.goto(link);
  await mailTab.getByRole("button", { name: "Confirm my email" }).click();
  await mailTab.getByText("Email confirmed").waitFor();
  await mailTab.close();
}

/** Fills in the sign-in form on the page and submits it; where that leads is the caller's to wait for. */
export async function submitSignIn(page: Page, account: Pick<Account, "email" | "password">): Promise<void> {
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Registers as a landlord (the default role) and waits for "Check your email"; the email stays unconfirmed. */
export async function signUp(page: Page, serverUrl: string, account: Account): Promise<void> {
  await page.goto(`${serverUrl}/sign-up`);
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
}

/** Signs in from /sign-in with email and password (no two-factor) and waits for the dashboard. */
export async function signIn(page: Page, serverUrl: string, account: Pick<Account, "email" | "password">): Promise<void> {
  await page.goto(`${serverUrl}/sign-in`);
  await submitSignIn(page, account);
  await page.waitForURL(`${serverUrl}/dashboard`);
}

/** Opens an item of the main navigation through the phone's "Menu". */
export async function openPhoneMenuItem(page: Page, name: string | RegExp): Promise<void> {
  await page.getByText("Menu", { exact: true }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
}

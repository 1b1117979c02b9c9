import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailStandIn } from "@/dev/mail/server";
import { CONSUMER_SCENARIOS } from "@/dev/tpn/scenarios";
import type { WhatsAppSandbox } from "@/dev/whatsapp/server";
import type { ReportViewModel } from "@/lib/reports/view-model";
import {
  confirmEmailInNewTab,
  DESKTOP,
  expectFitsPhone,
  launchChromium,
  ON_A_PHONE,
  signIn,
  signUp,
  watchForProblems,
  type Account,
} from "../helpers/browser";
import { startE2eStack, type E2eStack } from "../helpers/e2e-stack";
import type { StartedServer } from "../helpers/production-server";
import { freshWhatsAppNumber } from "../helpers/whatsapp-fixtures";

/**
 * Issue 7, "done when": a user links a number in the WhatsApp simulator, runs CHECK with consent and
 * PIN, and receives the summary and the PDF. Everything a person does here goes through a real browser:
 * the portal in one context, the sandbox's phone simulator (its own origin, like a phone) in another.
 */

const DIST_DIR = ".next-test-whatsapp";
const SCREENS = path.join(os.tmpdir(), "tenantlens-whatsapp-screens");
/** TPN, scoring, the PDF render, the upload and two sends: the report must be in the chat well within this. */
const REPORT_TIMEOUT_MS = 60_000;
/** One bot reply: webhook -> outbox -> Inngest -> Graph API -> simulator poll (1 s). */
const REPLY_TIMEOUT_MS = 20_000;

/** The portal user who links their WhatsApp number. */
const ACCOUNT: Account = {
  name: "Sipho Khumalo",
  email: `sipho.${Date.now().toString(36)}@example.co.za`,
  password: "Hex-River-valley-in-autumn-light-3",
};
const PIN = "4826";

const CLEAN = CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber;
const MASKED = `•••••••••${CLEAN.slice(-4)}`;
/** The user's WhatsApp number: as WhatsApp knows it, as they type it into the portal, and as the portal shows it. */
const WA_ID = freshWhatsAppNumber();
const TYPED_NUMBER = `0${WA_ID.slice(2, 4)} ${WA_ID.slice(4, 7)} ${WA_ID.slice(7)}`;
const MASKED_NUMBER = `+${WA_ID.slice(0, 2)} ${WA_ID.slice(2, 4)} *** ${WA_ID.slice(-4)}`;

interface ReportAnswer {
  status: string;
  report: ReportViewModel;
  pdfAvailable: boolean;
}

describe("WhatsApp channel in a browser (production build, WhatsApp sandbox and all stand-ins)", () => {
  let stack: E2eStack | undefined;
  let server: StartedServer;
  let mail: MailStandIn;
  let whatsapp: WhatsAppSandbox;
  let browser: Browser;
  const downloads = mkdtempSync(path.join(os.tmpdir(), "tenantlens-whatsapp-downloads-"));

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    stack = await startE2eStack({ distDir: DIST_DIR, tpnLatencyMs: 300, whatsapp: true });
    ({ server, mail } = stack);
    if (!stack.whatsapp) throw new Error("the WhatsApp sandbox did not start");
    whatsapp = stack.whatsapp;
    browser = await launchChromium();
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function screenshot(page: Page, name: string, fullPage = true) {
    // From the top, so a sticky header is not captured halfway down a full-page shot.
    if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage });
  }

  /** The bot's messages in the simulator (left-hand bubbles), and the user's own (right-hand). */
  const botBubbles = (sim: Page) => sim.locator("#chat .row.left .bubble");
  const userBubbles = (sim: Page) => sim.locator("#chat .row.right .bubble");

  /** Waits for a bot message whose text matches, and returns it with its text. */
  async function botSays(sim: Page, pattern: RegExp, timeout = REPLY_TIMEOUT_MS): Promise<{ bubble: Locator; text: string }> {
    const bubble = botBubbles(sim).filter({ hasText: pattern }).last();
    try {
      await bubble.waitFor({ timeout });
    } catch (error) {
      const seen = await sim.locator("#chat").innerText();
      throw new Error(`the simulator never showed a bot message matching ${pattern}; the chat:\n${seen}\n\napp log:\n${server.output()}`, { cause: error });
    }
    return { bubble, text: await bubble.innerText() };
  }

  /** Types into the simulator's composer and sends, as a person would (Enter). */
  async function typeAndSend(sim: Page, message: string) {
    const before = await userBubbles(sim).count();
    await sim.getByLabel("Message").fill(message);
    await sim.getByLabel("Message").press("Enter");
    // The message is in the chat, and the app took the webhook.
    await userBubbles(sim).nth(before).locator(".hook.ok").waitFor({ timeout: REPLY_TIMEOUT_MS });
  }

  it(
    "links a number with a code received in the simulator, sets a PIN, runs CHECK with signed consent and receives the summary and the PDF",
    async () => {
      const desk = await browser.newContext({ viewport: DESKTOP });
      const portal = await desk.newPage();
      const problems = watchForProblems(portal);
      await signUp(portal, server.url, ACCOUNT);
      await signIn(portal, server.url, ACCOUNT);
      await confirmEmailInNewTab(desk, mail, server, ACCOUNT.email);

      // Settings → WhatsApp, the way a user gets there.
      await portal.getByLabel(`Account menu for ${ACCOUNT.name}`).click();
      await portal.getByRole("link", { name: "Account settings" }).click();
      await portal.waitForURL(`${server.url}/settings`);
      await portal.getByRole("link", { name: "WhatsApp", exact: true }).click();
      await portal.waitForURL(`${server.url}/settings/whatsapp`);
      await portal.getByRole("heading", { name: "Your WhatsApp number" }).waitFor();
      await expect(portal.getByText("WhatsApp is not available").count()).resolves.toBe(0);
      await expect(portal.getByText("No PIN set yet.").isVisible()).resolves.toBe(true);
      await screenshot(portal, "settings-unlinked-1280");

      // The same page on a phone, before linking: fits the width.
      const signedIn = await desk.storageState();
      const phone = await browser.newContext({ ...ON_A_PHONE, storageState: signedIn });
      const mobile = await phone.newPage();
      const mobileProblems = watchForProblems(mobile);
      await mobile.goto(`${server.url}/settings/whatsapp`);
      await mobile.getByRole("button", { name: "Send me a code on WhatsApp" }).waitFor();
      await expectFitsPhone(mobile);
      await screenshot(mobile, "settings-unlinked-375");

      // The number as the user knows it; the code goes to WhatsApp.
      await portal.getByRole("textbox", { name: "WhatsApp number" }).fill(TYPED_NUMBER);
      await portal.getByRole("button", { name: "Send me a code on WhatsApp" }).click();
      await portal.getByText(`We sent a 6-digit code to ${MASKED_NUMBER} on WhatsApp.`).waitFor();

      // The phone: the simulator, at the sandbox's own address, as that number.
      const handset = await browser.newContext({ viewport: { width: DESKTOP.width, height: 1000 } });
      const sim = await handset.newPage();
      const simProblems = watchForProblems(sim);
      await sim.goto(`${whatsapp.url}/`);
      await expect(sim.locator("#business").textContent()).resolves.toMatch(/TenantLens · \+\d+/);
      await sim.getByLabel("Your number").fill(WA_ID);
      await sim.getByLabel("Profile name").fill(ACCOUNT.name);
      await sim.getByLabel("Profile name").press("Tab");
      const codeMessage = await botSays(sim, /link code is \d{6}/);
      const code = /link code is (\d{6})/.exec(codeMessage.text)?.[1] ?? "";
      expect(code).toMatch(/^\d{6}$/);
      await expect(sim.locator("#window").textContent()).resolves.toMatch(/only templates are delivered/);
      await screenshot(sim, "simulator-link-code-1280", false);

      // The code, typed into the portal, links the number.
      await portal.getByLabel("Code from WhatsApp").fill(code);
      await portal.getByRole("button", { name: "Link this number" }).click();
      await portal.getByTestId("linked-number").waitFor();
      await expect(portal.getByTestId("linked-number").textContent()).resolves.toBe(MASKED_NUMBER);
      await expect(portal.getByRole("button", { name: "Unlink number" }).isVisible()).resolves.toBe(true);

      // The PIN, set on the phone (the settings page must work at 375 px): it asks for the password again.
      await mobile.reload();
      await mobile.getByTestId("linked-number").waitFor();
      await mobile.getByLabel("PIN", { exact: true }).fill("1234");
      await mobile.getByLabel("Current password").fill(ACCOUNT.password);
      await mobile.getByRole("button", { name: "Set PIN" }).click();
      await mobile.getByText("That PIN is too easy to guess").waitFor();
      await mobile.getByLabel("PIN", { exact: true }).fill(PIN);
      await mobile.getByLabel("Current password").fill(ACCOUNT.password);
      await mobile.getByRole("button", { name: "Set PIN" }).click();
      await mobile.getByText("WhatsApp PIN saved.").waitFor();
      await mobile.getByRole("button", { name: "Change PIN" }).waitFor();
      await expect(mobile.getByText(/^PIN set /).isVisible()).resolves.toBe(true);
      await expectFitsPhone(mobile);
      await screenshot(mobile, "settings-linked-375");
      expect(mobileProblems).toEqual([]);
      await phone.close();

      await portal.reload();
      await portal.getByRole("button", { name: "Change PIN" }).waitFor();
      await screenshot(portal, "settings-linked-1280");

      // CHECK from the phone: the bot asks how consent was given, with the ID masked.
      await typeAndSend(sim, `CHECK ${CLEAN}`);
      const consent = await botSays(sim, /How was consent given\?/);
      expect(consent.text).toContain(MASKED);
      await expect(sim.locator("#window").textContent()).resolves.toMatch(/24-hour window open/);
      await screenshot(sim, "simulator-consent-1280", false);
      // The buttons read in full (Meta cuts titles over 20 characters).
      const choices = await sim.locator("#chat .choice").allInnerTexts();
      expect(choices.slice(-3)).toEqual(["Consent form signed", "Ask the applicant", "Cancel"]);
      await sim.getByRole("button", { name: "Consent form signed" }).click();
      await botSays(sim, /Reply with your WhatsApp PIN/);
      await typeAndSend(sim, PIN);
      const started = await botSays(sim, /Check TL-[0-9A-F]{8} has started/);
      const reference = /Check (TL-[0-9A-F]{8})/.exec(started.text)?.[1] ?? "";

      // The summary, then the PDF.
      const summary = await botSays(sim, new RegExp(`Report ${reference} is ready`), REPORT_TIMEOUT_MS);
      const enquiryId = /\/enquiries\/([0-9a-f-]{36})/.exec(summary.text)?.[1] ?? "";
      expect(enquiryId.slice(0, 8).toUpperCase()).toBe(reference.slice(3));
      const answer = await portal.request.get(`${server.url}/api/reports/${enquiryId}`);
      expect(answer.status()).toBe(200);
      const { report: view, status, pdfAvailable } = (await answer.json()) as ReportAnswer;
      expect(status).toBe("ready");
      expect(pdfAvailable).toBe(true);
      expect(view.risk.band).toBe("LOW");
      expect(summary.text).toContain(`${view.subject.identifierLabel} ${MASKED}`);
      expect(summary.text).toContain(`Risk: ${view.risk.bandLabel}, score ${view.risk.score}/100`);
      expect(summary.text).toContain(`Recommendation: ${view.risk.recommendation.label}`);

      const document = botBubbles(sim).filter({ has: sim.locator("a.doc") }).last();
      await document.waitFor({ timeout: REPLY_TIMEOUT_MS });
      await expect(document.innerText()).resolves.toContain(`Risk report ${reference}`);
      const pdfLink = document.locator("a.doc");
      const filename = ((await pdfLink.textContent()) ?? "").replace(/^\S+\s/, "");
      expect(filename).toMatch(new RegExp(`^tenantlens-report-${enquiryId.slice(0, 8)}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
      await screenshot(sim, "simulator-report-1280", false);

      // Tapping the document opens it (a new tab, as on a phone); its bytes are the PDF.
      const mediaResponse = handset.waitForEvent("response", (response) => response.url().includes("/sim/media/"));
      const [viewer] = await Promise.all([sim.waitForEvent("popup"), pdfLink.click()]);
      const opened = await mediaResponse;
      expect(opened.status()).toBe(200);
      await expect(opened.headerValue("content-type")).resolves.toBe("application/pdf");
      await viewer.waitForLoadState();
      const bytes = await (await viewer.request.get(viewer.url())).body();
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const pdfFile = path.join(downloads, filename);
      writeFileSync(pdfFile, bytes);
      const pdfText = execFileSync("pdftotext", ["-enc", "UTF-8", pdfFile, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
      expect(pdfText).toContain(MASKED);
      expect(pdfText).not.toContain(CLEAN);
      await viewer.close();

      // The bot never wrote the full ID number or the PIN: only the user's own CHECK message holds the number.
      const botText = (await botBubbles(sim).allInnerTexts()).join("\n");
      expect(botText).not.toContain(CLEAN);
      expect(botText).not.toContain(PIN);
      const chatText = await sim.locator("#chat").innerText();
      expect(chatText.split(CLEAN).length - 1).toBe(1);
      expect(await userBubbles(sim).filter({ hasText: CLEAN }).count()).toBe(1);
      // The link code came once, as the template: no stale copy once the number wrote.
      await expect(botBubbles(sim).filter({ hasText: /link code/i }).count()).resolves.toBe(1);
      // Every reply reached the phone (no failed sends).
      await expect(sim.locator("#chat .tick.failed").count()).resolves.toBe(0);

      expect(simProblems).toEqual([]);
      expect(problems).toEqual([]);
      await handset.close();
      await desk.close();
    },
    240_000,
  );
});

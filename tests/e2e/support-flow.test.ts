import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { users } from "@/db/schema";
import type { WhatsAppSandbox } from "@/dev/whatsapp/server";
import { currentTotpCode } from "@/lib/auth/totp";
import { createFixture, FIXTURE_PASSWORD, type FixtureUser } from "../helpers/app-fixtures";
import { DESKTOP, expectFitsPhone, launchChromium, ON_A_PHONE, PHONE, submitSignIn, watchForProblems } from "../helpers/browser";
import { startE2eStack, type E2eStack } from "../helpers/e2e-stack";
import { createScratchDatabase, postgresAvailable } from "../helpers/postgres";
import type { StartedServer } from "../helpers/production-server";
import { linkTestNumber } from "../helpers/whatsapp-fixtures";

/**
 * Issue 8, "done when": a landlord writes in the chat widget (a phone), an agent answers in the inbox
 * (a desktop), live both ways with typing indicators and read ticks; the agent resolves and the
 * landlord rates it; and a WhatsApp user's SUPPORT message joins the same inbox, the agent's browser
 * reply reaching their phone. Two browser contexts, so the sessions stay apart as in two browsers.
 */

const DIST_DIR = ".next-test-support";
const SCREENS = path.join(os.tmpdir(), "support-e2e");
/** A change on one side reaches the other over Pusher (polling would take 10 s): well within this. */
const LIVE_TIMEOUT_MS = 15_000;
/** An agent's reply to WhatsApp: outbox -> Inngest -> Graph API (the sandbox). */
const WHATSAPP_TIMEOUT_MS = 30_000;

const LANDLORD_NAME = "Naledi Dlamini";
const WHATSAPP_NAME = "Pieter van Wyk";
const AGENT_NAME = "Lindiwe Mthembu";

const FIRST_MESSAGE = "Hi, the report for Flat 4 shows a judgment I do not recognise. Who do I ask?";
const SECOND_MESSAGE = "The applicant says it was paid in 2022.";
const AGENT_REPLY = "Thanks Naledi. Ask the applicant for the paid-up letter; TPN corrects the record once it is lodged.";
const WHATSAPP_TEXT = "my check is stuck";
const WHATSAPP_REPLY = "Hi Pieter, the bureau was slow this morning. Your check is running again now.";

describe("support chat in two browsers (production build, Pusher, Inngest and the WhatsApp sandbox)", () => {
  let stack: E2eStack | undefined;
  let server: StartedServer;
  let whatsapp: WhatsAppSandbox;
  let browser: Browser;
  let dropDatabase: (() => Promise<void>) | undefined;
  let landlord: FixtureUser;
  let agent: FixtureUser;
  let whatsappNumber: string;

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });

    // The people, made directly in the database the server will use: staff need MFA, which only a
    // fixture (or the create-admin script) can give them. PostgreSQL when it runs, else PGlite on disk.
    const database: Record<string, string> = {};
    let handle: DatabaseHandle;
    if (await postgresAvailable()) {
      const scratch = await createScratchDatabase();
      dropDatabase = () => scratch.drop();
      database.DATABASE_URL = scratch.url;
      handle = await createDatabase({ databaseUrl: scratch.url, pgliteDir: "unused" });
    } else {
      database.PGLITE_DIR = mkdtempSync(path.join(os.tmpdir(), "tenantlens-support-e2e-"));
      handle = await createDatabase({ pgliteDir: database.PGLITE_DIR });
    }
    try {
      await migrateDatabase(handle);
      const fixture = await createFixture(handle.db);
      landlord = fixture.users.landlord;
      agent = fixture.users.agent;
      const whatsappUser = fixture.users.landlord2;
      for (const [user, name] of [
        [landlord, LANDLORD_NAME],
        [whatsappUser, WHATSAPP_NAME],
        [agent, AGENT_NAME],
      ] as const) {
        await handle.db.update(users).set({ name }).where(eq(users.id, user.id));
      }
      whatsappNumber = (await linkTestNumber(handle.db, whatsappUser.id)).number;
    } finally {
      await handle.close();
    }

    stack = await startE2eStack({ distDir: DIST_DIR, tpnLatencyMs: 100, whatsapp: true, env: database });
    ({ server } = stack);
    if (!stack.whatsapp) throw new Error("the WhatsApp sandbox did not start");
    whatsapp = stack.whatsapp;
    browser = await launchChromium();
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await dropDatabase?.();
  });

  async function screenshot(page: Page, name: string) {
    await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
  }

  /** Waits for a locator, failing with what it waited for and the app's log (the usual cause is there). */
  async function arrives(locator: Locator, what: string, timeout = LIVE_TIMEOUT_MS, state: "visible" | "hidden" | "detached" = "visible") {
    try {
      await locator.waitFor({ state, timeout });
    } catch (error) {
      throw new Error(`${what}: not ${state} within ${timeout} ms\n\napp log:\n${server.output().slice(-4_000)}`, { cause: error });
    }
  }

  async function signIn(page: Page, user: FixtureUser, landing: string) {
    await page.goto(`${server.url}${landing}`);
    await page.waitForURL(/\/sign-in\?callbackUrl=/);
    await submitSignIn(page, { email: user.email, password: FIXTURE_PASSWORD });
    if (user.totpSecret) {
      // Staff have two-factor: the code from their authenticator app (its first use, so not a replay).
      const codeField = page.getByLabel("Authentication code");
      await codeField.waitFor();
      await codeField.fill(currentTotpCode(user.totpSecret));
      await page.getByRole("button", { name: "Verify and sign in" }).click();
    }
    await page.waitForURL(`${server.url}${landing}`);
  }

  /**
   * Types `text` a key at a time, as a person does, until the other side shows the typing indicator
   * (the first keystrokes may come before this side's channel is subscribed; typing events are
   * throttled to one per 2 s), then the rest at once. Never sends. Answers what the indicator said.
   */
  async function typeUntilSeen(input: Locator, text: string, indicator: Locator, what: string): Promise<string> {
    const deadline = Date.now() + LIVE_TIMEOUT_MS;
    let typed = 0;
    await input.click();
    for (;;) {
      if (typed < text.length) {
        await input.pressSequentially(text.charAt(typed));
        typed += 1;
      }
      const seen = await indicator.textContent({ timeout: 400 }).catch(() => null);
      if (seen !== null) {
        await input.pressSequentially(text.slice(typed));
        await expect(input.inputValue()).resolves.toBe(text);
        return seen;
      }
      if (Date.now() > deadline) throw new Error(`${what}: the typing indicator never showed (typed ${JSON.stringify(text.slice(0, typed))})`);
    }
  }

  it(
    "landlord and agent chat live with typing and read ticks, the agent resolves, the landlord rates; a WhatsApp SUPPORT message joins the inbox and the reply reaches the phone",
    async () => {
      // The agent, on a desktop, opens the inbox first: online, so new conversations come to them.
      const desk = await browser.newContext({ viewport: DESKTOP });
      const inbox = await desk.newPage();
      const agentProblems = watchForProblems(inbox);
      await signIn(inbox, agent, "/support");
      await inbox.getByRole("heading", { name: "Support", exact: true }).waitFor();
      await arrives(inbox.getByTestId("agents-online").getByText(AGENT_NAME), "the agent in Agents online");
      await arrives(inbox.getByText(/^Live · 0 conversations$/), "the inbox live and empty");
      await screenshot(inbox, "01-agent-inbox-empty-1280");

      // The landlord, on a phone: the launcher is at the bottom right of the dashboard.
      const phone = await browser.newContext(ON_A_PHONE);
      const widget = await phone.newPage();
      const landlordProblems = watchForProblems(widget);
      await signIn(widget, landlord, "/dashboard");
      const launcher = widget.getByTestId("support-launcher");
      await launcher.waitFor();
      const box = await launcher.boundingBox();
      expect(box).not.toBeNull();
      if (box) {
        expect(box.x + box.width).toBeGreaterThan(PHONE.width - 40);
        expect(box.y + box.height).toBeGreaterThan(PHONE.height - 40);
      }
      await expectFitsPhone(widget);
      await screenshot(widget, "02-landlord-dashboard-launcher-375");

      await launcher.click();
      const panel = widget.getByTestId("support-panel");
      await panel.waitFor();
      await panel.getByText("Start a conversation", { exact: true }).waitFor();
      await screenshot(widget, "03-landlord-panel-empty-375");
      const widgetInput = panel.getByTestId("support-message-input");
      await widgetInput.fill(FIRST_MESSAGE);
      await panel.getByTestId("support-send").click();
      const landlordOwn = panel.locator('[data-testid="support-message"][data-author="requester"]');
      await arrives(landlordOwn.filter({ hasText: FIRST_MESSAGE }), "the landlord's first message in the widget");
      await expect.poll(() => widgetInput.inputValue(), { timeout: LIVE_TIMEOUT_MS }).toBe("");

      // The conversation appears in the inbox without a reload, assigned to the online agent, unread.
      let inboxLoads = 0;
      inbox.on("load", () => (inboxLoads += 1));
      const webRow = inbox.getByTestId("inbox-conversation").filter({ hasText: LANDLORD_NAME });
      await arrives(webRow, "the landlord's conversation in the inbox");
      await expect(webRow.textContent()).resolves.toContain(FIRST_MESSAGE.slice(0, 40));
      await expect(webRow.locator('[data-channel="web"]').textContent()).resolves.toBe("Web");
      await arrives(webRow.filter({ hasText: "· You" }), "the conversation assigned to the online agent");
      await expect(webRow.getAttribute("data-unread")).resolves.toBe("1");
      await screenshot(inbox, "04-agent-new-conversation-1280");

      await webRow.click();
      const view = inbox.getByTestId("inbox-conversation-view");
      await view.waitFor();
      await expect(view.getByTestId("inbox-requester-name").textContent()).resolves.toBe(LANDLORD_NAME);
      const fromLandlord = view.locator('[data-testid="support-message"][data-author="requester"]');
      await arrives(fromLandlord.filter({ hasText: FIRST_MESSAGE }), "the first message in the agent's view");
      // On screen means read: the landlord's tick turns to read, live.
      await arrives(landlordOwn.filter({ hasText: FIRST_MESSAGE }).locator('[data-state="read"]'), "the read tick on the landlord's message");

      // The landlord types: the agent sees it. Then sends, and the indicator goes.
      const agentSeesTyping = view.locator('[data-testid="inbox-typing"][data-visible="true"]');
      const agentSaw = await typeUntilSeen(widgetInput, SECOND_MESSAGE, agentSeesTyping, "the landlord typing, seen by the agent");
      expect(agentSaw).toContain(`${LANDLORD_NAME} is typing`);
      await screenshot(inbox, "05-agent-sees-landlord-typing-1280");
      await widgetInput.press("Enter");
      await arrives(fromLandlord.filter({ hasText: SECOND_MESSAGE }), "the second message in the agent's view");
      await arrives(agentSeesTyping, "the agent's typing indicator", LIVE_TIMEOUT_MS, "hidden");

      // The agent types: the landlord sees "Support is typing…". Then the reply arrives live.
      const replyInput = view.getByTestId("inbox-reply-input");
      const landlordSeesTyping = panel.locator('[data-testid="support-typing"][data-visible="true"]');
      const landlordSaw = await typeUntilSeen(replyInput, AGENT_REPLY, landlordSeesTyping, "the agent typing, seen by the landlord");
      expect(landlordSaw).toContain("Support is typing");
      await screenshot(widget, "06-landlord-sees-support-typing-375");
      await view.getByTestId("inbox-send").click();
      const fromSupport = panel.locator('[data-testid="support-message"][data-author="agent"]');
      await arrives(fromSupport.filter({ hasText: AGENT_REPLY }), "the agent's reply in the widget");
      await expect(fromSupport.filter({ hasText: AGENT_REPLY }).textContent()).resolves.toContain(AGENT_NAME);
      await arrives(landlordSeesTyping, "the landlord's typing indicator", LIVE_TIMEOUT_MS, "hidden");
      // The reply can reach the landlord before the agent's send returns: the box empties after that.
      await expect.poll(() => replyInput.inputValue(), { timeout: LIVE_TIMEOUT_MS }).toBe("");
      // The landlord has the panel open: the agent's tick turns to read.
      const agentOwn = view.locator('[data-testid="support-message"][data-author="agent"]').filter({ hasText: AGENT_REPLY });
      await arrives(agentOwn.locator('[data-state="read"]'), "the read tick on the agent's reply");
      // Answered: pending (waiting for the customer), still in the default "Open & pending" list.
      await arrives(inbox.locator('[data-testid="inbox-conversation"][data-status="pending"]').filter({ hasText: LANDLORD_NAME }), "the conversation pending in the list");
      await expectFitsPhone(widget);
      await screenshot(widget, "07-landlord-reply-received-375");
      await screenshot(inbox, "08-agent-replied-1280");

      // The agent resolves: it leaves the open list; the landlord is asked for a rating, live.
      await view.getByTestId("inbox-status-select").selectOption("resolved");
      await arrives(inbox.locator('[data-testid="inbox-conversation-view"][data-status="resolved"]'), "the resolved conversation view");
      await arrives(webRow, "the resolved conversation leaving the open list", LIVE_TIMEOUT_MS, "detached");
      const ratingPrompt = panel.getByTestId("support-rating");
      await arrives(ratingPrompt.getByText("How did we do?"), "the rating prompt in the widget");
      await arrives(panel.locator('[data-testid="support-message"][data-author="system"]').filter({ hasText: "This conversation is resolved" }), "the rating request in the thread");
      await expectFitsPhone(widget);
      await screenshot(widget, "09-landlord-rating-prompt-375");

      await ratingPrompt.getByRole("button", { name: "4 stars: Good" }).click();
      await arrives(panel.locator('[data-testid="support-rating"][data-rating="4"]'), "the landlord's rating thanked");
      await expect(panel.getByTestId("support-rating").textContent()).resolves.toContain("Thanks for your rating");
      await screenshot(widget, "10-landlord-rated-375");

      // The agent sees the rating on the open conversation, and finds it under the Resolved filter.
      await arrives(view.getByTestId("inbox-rating").filter({ hasText: "Rated 4/5" }), "the rating in the agent's view");
      await inbox.getByTestId("inbox-filter-status").selectOption("resolved");
      await arrives(inbox.locator('[data-testid="inbox-conversation"][data-status="resolved"]').filter({ hasText: LANDLORD_NAME }), "the conversation under Resolved");
      await screenshot(inbox, "11-agent-rated-resolved-filter-1280");
      expect(inboxLoads).toBe(0);

      // WhatsApp: a linked user writes SUPPORT on their phone; the conversation joins the inbox live.
      await inbox.getByTestId("inbox-filter-status").selectOption("unresolved");
      await arrives(inbox.getByText(/^Live · 0 conversations$/), "the open list empty again");
      const inbound = await whatsapp.sendInbound(whatsappNumber, { type: "text", text: `SUPPORT ${WHATSAPP_TEXT}` }, { profileName: WHATSAPP_NAME });
      expect(inbound.status).toBe(200);
      const waRow = inbox.getByTestId("inbox-conversation").filter({ hasText: WHATSAPP_NAME });
      await arrives(waRow, "the WhatsApp conversation in the inbox");
      await expect(waRow.locator('[data-channel="whatsapp"]').textContent()).resolves.toBe("WhatsApp");
      await expect(waRow.textContent()).resolves.toContain(WHATSAPP_TEXT);
      const acknowledged = await whatsapp.waitForOutbound((message) => message.to === whatsappNumber && message.text.includes("your message is with our support team"), WHATSAPP_TIMEOUT_MS);
      expect(acknowledged.type).toBe("text");

      // Only WhatsApp conversations, as an agent would narrow the list; then open it.
      await inbox.getByTestId("inbox-filter-channel").selectOption("whatsapp");
      await arrives(inbox.getByText(/^Live · 1 conversation$/), "one WhatsApp conversation");
      await waRow.click();
      const waView = inbox.locator(`[data-testid="inbox-conversation-view"][data-id="${await waRow.getAttribute("data-id")}"]`);
      await waView.waitFor();
      await expect(waView.getByTestId("inbox-requester-name").textContent()).resolves.toBe(WHATSAPP_NAME);
      const waMessage = waView.locator('[data-testid="support-message"][data-author="requester"]').filter({ hasText: WHATSAPP_TEXT });
      await arrives(waMessage, "the WhatsApp message in the agent's view");
      await expect(waMessage.locator('[data-channel="whatsapp"]').count()).resolves.toBe(1);
      await waView.getByText("Your reply goes to Pieter on WhatsApp.").waitFor();
      await screenshot(inbox, "12-agent-whatsapp-conversation-1280");

      await waView.getByTestId("inbox-reply-input").fill(WHATSAPP_REPLY);
      await waView.getByTestId("inbox-send").click();
      await arrives(waView.locator('[data-testid="support-message"][data-author="agent"]').filter({ hasText: WHATSAPP_REPLY }), "the WhatsApp reply in the agent's view");
      const delivered = await whatsapp.waitForOutbound((message) => message.to === whatsappNumber && message.text.includes(WHATSAPP_REPLY), WHATSAPP_TIMEOUT_MS);
      expect(delivered.type).toBe("text");
      expect(delivered.text).toBe(`TenantLens support (Lindiwe): ${WHATSAPP_REPLY}`);
      expect(delivered.error).toBeUndefined();
      await expect(waView.locator('[data-state="failed"]').count()).resolves.toBe(0);
      // Answered: pending, in the view and in the list, which still holds it.
      await arrives(inbox.locator('[data-testid="inbox-conversation-view"][data-status="pending"]'), "the WhatsApp conversation view pending");
      await arrives(waRow.and(inbox.locator('[data-status="pending"]')).filter({ hasText: WHATSAPP_REPLY.slice(0, 30) }), "the WhatsApp row pending with the reply as preview");
      await screenshot(inbox, "13-agent-whatsapp-replied-1280");

      expect(inboxLoads).toBe(0);
      expect(landlordProblems).toEqual([]);
      expect(agentProblems).toEqual([]);
      await phone.close();
      await desk.close();
    },
    240_000,
  );
});

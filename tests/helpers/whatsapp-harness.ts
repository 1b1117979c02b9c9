import { eq } from "drizzle-orm";
import { startWhatsAppSandbox, type InboundSpec, type RecordedOutbound, type WhatsAppSandbox } from "@/dev/whatsapp/server";
import type * as Schema from "@/db/schema";
import type * as Contacts from "@/lib/whatsapp/contacts";
import type * as MessageStore from "@/lib/whatsapp/message-store";
import type * as AppFixtures from "./app-fixtures";
import type { RouteModule } from "./route-server";
import type * as WhatsAppFixtures from "./whatsapp-fixtures";
import { startWorkflowHarness, type WorkflowHarness } from "./workflow-harness";

/** The number a fixture user's PIN is set to by `setPin` unless a test picks another. */
export const TEST_PIN = "4826";

type StoredMessage = typeof Schema.whatsappMessages.$inferSelect;

/** One WhatsApp user talking to the bot through the sandbox, reading the bot's messages in order. */
export interface Chat {
  number: string;
  /** The user writes (a string is a text message); resolves once the app's webhook answered 200. */
  send(message: InboundSpec | string): Promise<string>;
  /**
   * The next message the bot sent to this number that this chat has not read yet (the first unread
   * one matching `predicate`, when given); later calls continue after it.
   */
  next(predicate?: (message: RecordedOutbound) => boolean, timeoutMs?: number): Promise<RecordedOutbound>;
  /** send, then the next message. */
  say(message: InboundSpec | string, predicate?: (message: RecordedOutbound) => boolean): Promise<RecordedOutbound>;
  /** Taps the button (reply button, list row or template quick reply) with this id on the newest message that has it. */
  tap(id: string): Promise<string>;
  /** Every message the bot sent to this number, oldest first. */
  received(): RecordedOutbound[];
  /** Messages not read by `next` yet. */
  unread(): RecordedOutbound[];
}

export interface WhatsAppHarness extends WorkflowHarness {
  /** The WhatsApp Cloud API sandbox (the TPN one stays at `sandbox`). */
  wa: WhatsAppSandbox;
  /** The app's /api/whatsapp/webhook as the sandbox calls it. */
  webhookUrl: string;
  /** The values the app's env holds, which the sandbox uses too. */
  whatsapp: { phoneNumberId: string; accessToken: string; appSecret: string; verifyToken: string; displayNumber: string };
  schema: typeof Schema;
  /** Moves the sandbox's clock (inbound timestamps, the 24-hour window) by `ms` from real time; 0 = real time. */
  setClockOffset(ms: number): void;
  /** A fresh number linked to `user`, proven (as if the user had confirmed a code). */
  linkTestNumber(user: AppFixtures.FixtureUser, options?: { notifyWebEnquiries?: boolean; linkedAt?: Date }): Promise<{ number: string; contact: Contacts.WhatsAppContact }>;
  freshNumber(): string;
  /** Sets the user's WhatsApp PIN through the portal's route (PUT /api/account/whatsapp/pin). */
  setPin(user: AppFixtures.FixtureUser, pin?: string): Promise<Response>;
  chat(number: string): Chat;
  /** The stored contact of a number, if the app knows it. */
  contact(number: string): Promise<Contacts.WhatsAppContact | undefined>;
  /** Every stored message (in and out) of a number, oldest first; none when the number is unknown. */
  storedMessages(number: string): Promise<StoredMessage[]>;
  openBody(sealed: string): Promise<MessageStore.StoredBody>;
  /**
   * Waits until the whole system is quiet: no webhook request in flight, every outbox row handed to
   * Inngest, no run busy in the executor, and every message the sandbox accepted has had its last
   * status reported; checked over several consecutive rounds.
   */
  settle(timeoutMs?: number): Promise<void>;
  /** Webhook POST requests the app is serving right now. */
  webhooksInFlight(): number;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through vitest (vitest.config.ts loads the dev env)`);
  return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The workflow harness plus WhatsApp: the Cloud API sandbox on a free port (fast status webhooks),
 * the app's WHATSAPP_API_URL pointed at it with the env's own token, secret and phone number id, and
 * the app's /api/whatsapp/webhook served next to /api/inngest as the sandbox's webhook.
 */
export async function startWhatsAppHarness(options: { statusDelayMs?: number } = {}): Promise<WhatsAppHarness> {
  const whatsapp = {
    phoneNumberId: required("WHATSAPP_PHONE_NUMBER_ID"),
    accessToken: required("WHATSAPP_ACCESS_TOKEN"),
    appSecret: required("WHATSAPP_APP_SECRET"),
    verifyToken: required("WHATSAPP_VERIFY_TOKEN"),
    displayNumber: process.env.WHATSAPP_DISPLAY_NUMBER ?? "27600000000",
  };
  let clockOffsetMs = 0;
  const wa = await startWhatsAppSandbox({
    port: 0,
    accessToken: whatsapp.accessToken,
    appSecret: whatsapp.appSecret,
    phoneNumberId: whatsapp.phoneNumberId,
    displayPhoneNumber: whatsapp.displayNumber,
    statusDelayMs: options.statusDelayMs ?? 5,
    logLevel: "silent",
    now: () => Date.now() + clockOffsetMs,
  });

  let inFlight = 0;
  let base: WorkflowHarness;
  try {
    base = await startWorkflowHarness({
      env: { WHATSAPP_API_URL: wa.graphUrl },
      routes: async () => {
        const webhook = (await import("@/app/api/whatsapp/webhook/route")) as RouteModule;
        const post = webhook.POST;
        const counted: RouteModule = {
          GET: webhook.GET,
          POST: post
            ? async (request, route) => {
                inFlight += 1;
                try {
                  return await post(request, route);
                } finally {
                  inFlight -= 1;
                }
              }
            : undefined,
        };
        return { "/api/whatsapp/webhook": counted };
      },
    });
  } catch (error) {
    await wa.close();
    throw error;
  }
  const webhookUrl = `${base.appUrl}/api/whatsapp/webhook`;
  wa.setWebhookUrl(webhookUrl);

  const schema = await import("@/db/schema");
  const contacts = await import("@/lib/whatsapp/contacts");
  const store = await import("@/lib/whatsapp/message-store");
  const waFixtures: typeof WhatsAppFixtures = await import("./whatsapp-fixtures");
  const pinRoute = (await import("@/app/api/account/whatsapp/pin/route")) as RouteModule;
  const { isNull } = await import("drizzle-orm");
  const { db } = base;

  const undispatched = async () => (await db.select({ id: schema.outbox.id }).from(schema.outbox).where(isNull(schema.outbox.dispatchedAt))).length;
  // Every accepted message ends read (the sandbox reads what it delivers) or failed (outside the window).
  const sandboxQuiet = () => wa.outbound().every((message) => message.status === "read" || message.status === "failed");

  const harness: WhatsAppHarness = {
    ...base,
    wa,
    webhookUrl,
    whatsapp,
    schema,
    setClockOffset(ms) {
      clockOffsetMs = ms;
    },
    linkTestNumber: (user, linkOptions) => waFixtures.linkTestNumber(db, user.id, linkOptions),
    freshNumber: () => waFixtures.freshWhatsAppNumber(),
    setPin: (user, pin = TEST_PIN) =>
      base.call(pinRoute, "PUT", "/api/account/whatsapp/pin", { user, body: { pin, currentPassword: base.fixtures.FIXTURE_PASSWORD } }),
    chat(number) {
      let cursor = 0;
      const received = () => wa.outbound(number);
      const chat: Chat = {
        number,
        async send(message) {
          const spec: InboundSpec = typeof message === "string" ? { type: "text", text: message } : message;
          const result = await wa.sendInbound(number, spec);
          if (result.status !== 200) throw new Error(`the app answered the webhook with ${result.status} after ${result.attempts} attempts`);
          return result.wamid;
        },
        async next(predicate = () => true, timeoutMs = 15_000) {
          const deadline = performance.now() + timeoutMs;
          for (;;) {
            const all = received();
            const index = all.findIndex((message, position) => position >= cursor && predicate(message));
            const found = all[index];
            if (found) {
              cursor = index + 1;
              return found;
            }
            if (performance.now() > deadline) {
              const unread = all.slice(cursor).map((message) => `${message.type}: ${JSON.stringify(message.text.slice(0, 100))}`);
              throw new Error(`no matching WhatsApp message to ${number} within ${timeoutMs} ms; unread: ${unread.length ? unread.join(" | ") : "none"}`);
            }
            await sleep(10);
          }
        },
        async say(message, predicate) {
          await chat.send(message);
          return chat.next(predicate);
        },
        tap(id) {
          const source = received().findLast((message) => message.buttons.some((button) => button.id === id));
          const button = source?.buttons.find((candidate) => candidate.id === id);
          if (!source || !button) throw new Error(`no message to ${number} has a button ${id}`);
          if (source.type === "template") return chat.send({ type: "button", payload: button.id, text: button.title });
          if (source.listButton !== undefined) return chat.send({ type: "list_reply", id: button.id, title: button.title });
          return chat.send({ type: "button_reply", id: button.id, title: button.title });
        },
        received,
        unread: () => received().slice(cursor),
      };
      return chat;
    },
    contact: (number) => contacts.findContact(db, number),
    async storedMessages(number) {
      const contact = await contacts.findContact(db, number);
      if (!contact) return [];
      return db.select().from(schema.whatsappMessages).where(eq(schema.whatsappMessages.contactId, contact.id)).orderBy(schema.whatsappMessages.createdAt);
    },
    openBody: (sealed) => store.openBody(db, sealed),
    async settle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let quietRounds = 0;
      while (quietRounds < 3) {
        if (Date.now() > deadline) throw new Error(`not settled within ${timeoutMs} ms (${inFlight} webhooks in flight, ${await undispatched()} outbox rows waiting)`);
        await base.executor.waitForIdle(Math.max(1, deadline - Date.now()));
        const quiet = inFlight === 0 && sandboxQuiet() && (await undispatched()) === 0;
        quietRounds = quiet ? quietRounds + 1 : 0;
        await sleep(25);
      }
      await base.executor.waitForIdle(Math.max(1, deadline - Date.now()));
    },
    webhooksInFlight: () => inFlight,
    async close() {
      await wa.close();
      await base.close();
    },
  };
  return harness;
}

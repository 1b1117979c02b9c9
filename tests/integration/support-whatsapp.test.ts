/**
 * Support over WhatsApp, end to end: the user writes to the bot through the Cloud API sandbox, the
 * app's webhook and Inngest put it in the same inbox the portal's agents use, and the agents' answers
 * (through the API) go back through the outbox, the executor and the sandbox to the linked number:
 * as text inside the 24-hour window, as the update template outside it with the answer held back.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordedOutbound } from "@/dev/whatsapp/server";
import type * as AppFixtures from "../helpers/app-fixtures";
import { loadSupportApi, type SupportApi } from "../helpers/support-api";
import { recordEvents, startPusherStandIn, startRealtime, type PusherStandIn, type Realtime } from "../helpers/support-realtime";
import { startWhatsAppHarness, type WhatsAppHarness } from "../helpers/whatsapp-harness";

const HOUR = 60 * 60 * 1000;
const isText = (pattern: RegExp) => (message: RecordedOutbound) => message.type === "text" && pattern.test(message.text);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("support on WhatsApp", () => {
  let stand: PusherStandIn;
  let realtime: Realtime;
  let h: WhatsAppHarness;
  let api: SupportApi;
  let updateTemplate: string;
  let waitingSummary: string;

  beforeAll(async () => {
    // Live updates go to the local Pusher stand-in (nobody online: conversations stay unassigned).
    stand = await startPusherStandIn();
    h = await startWhatsAppHarness();
    api = await loadSupportApi(h.fixtures);
    realtime = await startRealtime(stand, h.fixtures);
    updateTemplate = (await import("@/lib/env")).env.WHATSAPP_TEMPLATE_UPDATE;
    waitingSummary = (await import("@/lib/support/deliver-whatsapp-reply")).WAITING_SUMMARY;
  });

  afterAll(async () => {
    await realtime.close();
    await h.close();
    await stand.close();
  });

  const freshUsers = async () => (await h.fixtures.createFixture(h.db)).users;

  /** A linked user who asks support on WhatsApp; the conversation as the agent's inbox shows it. */
  async function askOnWhatsApp(user: AppFixtures.FixtureUser, agent: AppFixtures.FixtureUser, question: string) {
    const { number } = await h.linkTestNumber(user);
    const chat = h.chat(number);
    const ack = await chat.say(`SUPPORT ${question}`);
    expect(ack.text).toMatch(/your message is with our support team/i);
    await h.settle();
    const inbox = await api.list(agent, `?channel=whatsapp&q=${encodeURIComponent(user.email)}`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.conversations).toHaveLength(1);
    const [conversation] = inbox.body.conversations;
    if (!conversation) throw new Error("no conversation in the inbox");
    return { number, chat, conversation };
  }

  it("puts SUPPORT <message> from a linked number in the agents' inbox, and sends the agent's reply back to that number", async () => {
    const u = await freshUsers();
    const { number, chat, conversation } = await askOnWhatsApp(u.landlord, u.agent, "my report is stuck");
    expect(conversation).toMatchObject({ channel: "whatsapp", status: "open", requester: { id: u.landlord.id }, lastMessagePreview: "my report is stuck", unreadCount: 1, assignee: null });
    const id = conversation.id;
    expect((await api.messages(u.agent, id)).body.messages).toEqual([expect.objectContaining({ author: "requester", channel: "whatsapp", body: "my report is stuck" })]);
    // The requester sees the same thread in the portal's widget: delivered to support, read once an agent reads it.
    expect((await api.messages(u.landlord, id)).body.messages.map((message) => [message.body, message.state])).toEqual([["my report is stuck", "delivered"]]);
    expect((await api.markRead(u.agent, id)).status).toBe(204);
    expect((await api.messages(u.landlord, id)).body.messages.map((message) => message.state)).toEqual(["read"]);

    // Further texts while in support continue the same conversation, without another acknowledgement.
    await chat.send("it has said queued since 9am");
    await h.settle();
    expect(chat.unread()).toEqual([]);
    expect((await api.messages(u.agent, id)).body.messages.map((message) => message.body)).toEqual(["my report is stuck", "it has said queued since 9am"]);

    // The agent's open conversation follows the reply's WhatsApp ticks live.
    const agentClient = await realtime.connect(u.agent);
    const updates = recordEvents<{ conversationId: string; messageId: string }>(await realtime.join(agentClient, `private-support-conversation-${id}`), "message.updated");

    const note = await api.post(u.agent, id, "Internal: TPN backlog, do not promise a time", true);
    expect(note.status).toBe(201);
    const reply = await api.post(u.agent, id, "Thanks, we are checking with the bureau now.");
    expect(reply.status).toBe(201);
    const delivered = await h.wa.waitForOutbound((message) => message.to === number && message.type === "text" && message.text.includes("checking with the bureau"), 15_000);
    expect(delivered.text).toBe(`TenantLens support (agent): Thanks, we are checking with the bureau now.`);
    await h.settle();
    // The note never leaves the inbox, and the reply went to this number only.
    expect(h.wa.outbound().some((message) => message.text.includes("TPN backlog"))).toBe(false);
    expect(h.wa.outbound().filter((message) => message.text.includes("checking with the bureau")).map((message) => message.to)).toEqual([number]);
    // Meta's delivery statuses come back to the thread.
    const thread = (await api.messages(u.landlord, id)).body.messages;
    expect(thread.at(-1)).toMatchObject({ author: "agent", body: "Thanks, we are checking with the bureau now.", state: "read" });
    const replyId = reply.body.message.id;
    await updates.next((event) => event.messageId === replyId && event.conversationId === id);
    expect(updates.events.filter((event) => event.messageId === replyId).length).toBeGreaterThanOrEqual(1);
  });

  it("opens support from the menu's Support button: the next text starts the conversation, MENU leaves", async () => {
    const u = await freshUsers();
    const { number } = await h.linkTestNumber(u.solo);
    const chat = h.chat(number);
    const menu = await chat.say("MENU");
    expect(menu.buttons.map((button) => button.id)).toContain("menu:support");
    await chat.tap("menu:support");
    expect((await chat.next()).text).toMatch(/talking to the TenantLens support team/);
    expect((await chat.say("I cannot find my invoices")).text).toMatch(/your message is with our support team/i);
    await h.settle();
    const inbox = await api.list(u.agent, `?q=${encodeURIComponent(u.solo.email)}`);
    expect(inbox.body.conversations.map((conversation) => [conversation.channel, conversation.lastMessagePreview])).toEqual([["whatsapp", "I cannot find my invoices"]]);

    // After MENU, texts are for the bot again, not for support.
    await chat.say("MENU");
    await chat.say("hello");
    await h.settle();
    const id = inbox.body.conversations[0]?.id ?? "missing";
    expect((await api.messages(u.agent, id)).body.messages.map((message) => message.body)).toEqual(["I cannot find my invoices"]);
  });

  it("outside the 24-hour window sends the update template, and the answer itself once the user writes again", async () => {
    const u = await freshUsers();
    const { number, chat, conversation } = await askOnWhatsApp(u.landlord, u.agent, "where is my refund?");
    const contact = await h.contact(number);
    if (!contact) throw new Error("contact missing");
    await h.db.update(h.schema.whatsappContacts).set({ lastInboundAt: new Date(Date.now() - 25 * HOUR) }).where(eq(h.schema.whatsappContacts.id, contact.id));

    const answer = "Your refund was paid on Monday.";
    expect((await api.post(u.agent, conversation.id, answer)).status).toBe(201);
    await h.settle();
    const template = await chat.next((message) => message.type === "template");
    expect(template.template).toMatchObject({ name: updateTemplate, parameters: [waitingSummary] });
    expect(chat.unread()).toEqual([]);
    expect(chat.received().some((message) => message.text.includes(answer))).toBe(false);
    expect((await h.storedMessages(number)).filter((row) => row.status === "deferred").map((row) => row.purpose)).toEqual(["support"]);

    // Writing opens the window: the held answer comes first, and the text joins the conversation.
    await chat.send("ok, what did they say?");
    const held = await chat.next();
    expect(held.text).toBe(`TenantLens support (agent): ${answer}`);
    await h.settle();
    expect(chat.unread()).toEqual([]);
    expect((await h.storedMessages(number)).filter((row) => row.status === "deferred")).toEqual([]);
    const thread = (await api.messages(u.agent, conversation.id)).body.messages;
    expect(thread.map((message) => message.body)).toEqual(["where is my refund?", answer, "ok, what did they say?"]);
    expect((await api.get(u.agent, conversation.id)).body.conversation.status).toBe("open");
  });

  it("answers SUPPORT from an unlinked number with the welcome and opens no conversation", async () => {
    const conversations = async () => (await h.db.select({ n: count() }).from(h.schema.supportConversations))[0]?.n ?? -1;
    const before = await conversations();
    const chat = h.chat(h.freshNumber());
    const welcome = await chat.say("SUPPORT my report is stuck");
    expect(welcome.text).toMatch(/^Welcome to TenantLens/);
    expect(welcome.text).toMatch(/not linked/);
    await h.settle();
    expect(chat.unread()).toEqual([]);
    expect(await conversations()).toBe(before);
  });

  it("sends the rating list when the agent resolves, and records the rating the user taps", async () => {
    const u = await freshUsers();
    const { chat, conversation } = await askOnWhatsApp(u.landlord, u.agent, "can I change my email?");
    const id = conversation.id;
    expect((await api.post(u.agent, id, "Yes: Settings, then Account.")).status).toBe(201);
    await chat.next(isText(new RegExp(escape("Yes: Settings, then Account."))));

    expect((await api.update(u.agent, id, { status: "resolved" })).status).toBe(200);
    await h.settle();
    const list = await chat.next((message) => message.type === "interactive" && message.listButton !== undefined);
    expect(list.text).toMatch(/How did we do\?/);
    expect(list.buttons.map((button) => button.id)).toEqual([5, 4, 3, 2, 1].map((rating) => `support-rate:${id}:${rating}`));

    await chat.tap(`support-rate:${id}:4`);
    const thanks = await chat.next();
    expect(thanks.text).toMatch(/rating us 4 out of 5/);
    await h.settle();
    expect((await api.get(u.agent, id)).body.conversation).toMatchObject({ status: "resolved", rating: 4 });
    const [row] = await h.db.select().from(h.schema.supportConversations).where(eq(h.schema.supportConversations.id, id));
    expect(row?.ratedAt).toBeInstanceOf(Date);

    // A second tap does not change it; a rating for someone else's conversation is refused.
    await chat.tap(`support-rate:${id}:1`);
    expect((await chat.next()).text).toMatch(/already been rated/);
    const other = await freshUsers();
    const theirs = await askOnWhatsApp(other.landlord, other.agent, "another question");
    await api.update(other.agent, theirs.conversation.id, { status: "resolved" });
    await h.settle();
    await chat.send({ type: "list_reply", id: `support-rate:${theirs.conversation.id}:1`, title: "★ 1" });
    expect((await chat.next()).text).toMatch(/not found/i);
    await h.settle();
    expect((await api.get(other.agent, theirs.conversation.id)).body.conversation.rating).toBeNull();
    expect((await api.get(u.agent, id)).body.conversation.rating).toBe(4);
  });
});

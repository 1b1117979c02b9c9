/**
 * Support over WhatsApp, end to end: the user writes to the bot through the Cloud API sandbox, the
 * app's webhook and Inngest put it in the same inbox the portal's agents use, and the agents' answers
 * (through the API) go back through the outbox, the executor and the sandbox to the linked number:
 * as text inside the 24-hour window, as the update template outside it with the answer held back.
 * Photos and PDFs the user sends to support are fetched through Meta's media protocol (as the
 * sandbox serves it) and become attachments of the conversation, as portal uploads are.
 */
import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordedOutbound } from "@/dev/whatsapp/server";
import type * as AppFixtures from "../helpers/app-fixtures";
import { loadSupportApi, type SupportApi } from "../helpers/support-api";
import { recordEvents, startPusherStandIn, startRealtime, type PusherStandIn, type Realtime } from "../helpers/support-realtime";
import { startWhatsAppHarness, type WhatsAppHarness } from "../helpers/whatsapp-harness";

const HOUR = 60 * 60 * 1000;
const MB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const FILES_ACCEPTED = /^Sorry, I could not pass that file to support\. Support can take photos and screenshots \(JPEG, PNG or WEBP\) and PDF documents of up to 5 MB\. Nothing was sent/;
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
  describe("files from WhatsApp", () => {
    /** The file the sandbox stored for an inbound message: what GET /<media id> and its download URL serve. */
    function servedMedia(wamid: string) {
      const delivery = h.wa.deliveries().find((item) => item.kind === "message" && item.body.includes(wamid));
      const id = /"(?:image|document|audio)":\{[^}]*"id":"(\d+)"/.exec(delivery?.body ?? "")?.[1];
      const media = id === undefined ? undefined : h.wa.media(id);
      if (!media) throw new Error(`no media delivered with ${wamid}`);
      return media;
    }

    const attachmentsOf = async (conversationId: string) =>
      (await h.db.select({ n: count() }).from(h.schema.supportAttachments).where(eq(h.schema.supportAttachments.conversationId, conversationId)))[0]?.n ?? -1;

    it("puts a photo sent in support into the conversation as an attachment the agent downloads byte for byte, across a Graph hiccup", async () => {
      const u = await freshUsers();
      const { chat, conversation } = await askOnWhatsApp(u.landlord, u.agent, "the upload page shows an error");
      const id = conversation.id;
      const agentClient = await realtime.connect(u.agent);
      const created = recordEvents<{ conversationId: string; messageId: string }>(await realtime.join(agentClient, "private-support-inbox"), "message.created");

      // Meta's media lookup fails once; the client retries it and nothing is lost.
      h.wa.failNext(1, { httpStatus: 503, code: 2, message: "Service temporarily unavailable" });
      const wamid = await chat.send({ type: "image" });
      await h.settle();
      expect(chat.unread()).toEqual([]);
      const served = servedMedia(wamid);
      const photo = (await api.messages(u.agent, id)).body.messages.at(-1);
      expect(photo).toMatchObject({ author: "requester", channel: "whatsapp", body: "Sent a file: whatsapp-photo.jpg", attachment: { filename: "whatsapp-photo.jpg", mimeType: "image/jpeg", bytes: served.bytes.length } });
      await created.next((event) => event.conversationId === id && event.messageId === photo?.id);
      expect((await api.list(u.agent, `?q=${encodeURIComponent(u.landlord.email)}`)).body.conversations[0]).toMatchObject({ lastMessagePreview: "Sent a file: whatsapp-photo.jpg", unreadCount: 2 });

      const download = await api.download(u.agent, photo?.attachment?.id ?? "missing");
      expect(download.status).toBe(200);
      expect(download.headers.get("content-type")).toBe("image/jpeg");
      expect(sha256(download.bytes)).toBe(served.sha256);
      // The requester sees it in the portal's widget too.
      expect(sha256((await api.download(u.landlord, photo?.attachment?.id ?? "missing")).bytes)).toBe(served.sha256);

      // Audited as an upload in the portal is: the requester's message with a file (over WhatsApp), and the agent's download.
      const audit = await h.db.select().from(h.schema.auditEvents).where(eq(h.schema.auditEvents.resourceId, id));
      expect(audit.filter((event) => event.action === "support.message.create" && event.metadata.attachment === true).map((event) => [event.actorId, event.channel, event.metadata])).toEqual([
        [u.landlord.id, "whatsapp", { author: "requester", channel: "whatsapp", attachment: true }],
      ]);
      expect(audit.filter((event) => event.action === "support.attachment.read").map((event) => event.actorId)).toEqual([u.agent.id]);
    });

    it("starts a conversation from a PDF captioned SUPPORT <message>, then adds a captioned PDF with its caption", async () => {
      const u = await freshUsers();
      const { number } = await h.linkTestNumber(u.solo);
      const chat = h.chat(number);
      const invoice = await chat.send({ type: "document", filename: "Invoice 0042.pdf", caption: "SUPPORT I was charged twice for this" });
      expect((await chat.next()).text).toMatch(/your message is with our support team/i);
      await h.settle();
      const inbox = await api.list(u.agent, `?channel=whatsapp&q=${encodeURIComponent(u.solo.email)}`);
      expect(inbox.body.conversations.map((conversation) => conversation.lastMessagePreview)).toEqual(["I was charged twice for this"]);
      const id = inbox.body.conversations[0]?.id ?? "missing";

      // Now in support: a PDF with a plain caption joins the same conversation, without another acknowledgement.
      const bytes = Buffer.from(`%PDF-1.4\n% statement ${crypto.randomUUID()}\n%%EOF\n`);
      const statement = await chat.send({ type: "document", filename: "statement.pdf", caption: "And my bank statement", file: { mimeType: "application/pdf", base64: bytes.toString("base64") } });
      await h.settle();
      expect(chat.unread()).toEqual([]);
      const messages = (await api.messages(u.agent, id)).body.messages;
      expect(messages.map((message) => [message.author, message.channel, message.body, message.attachment?.filename, message.attachment?.mimeType])).toEqual([
        ["requester", "whatsapp", "I was charged twice for this", "Invoice 0042.pdf", "application/pdf"],
        ["requester", "whatsapp", "And my bank statement", "statement.pdf", "application/pdf"],
      ]);
      for (const [message, wamid] of [[messages[0], invoice], [messages[1], statement]] as const) {
        const download = await api.download(u.agent, message?.attachment?.id ?? "missing");
        expect(download.headers.get("content-disposition")).toBe(`attachment; filename="${message?.attachment?.filename ?? ""}"`);
        expect(sha256(download.bytes)).toBe(servedMedia(wamid).sha256);
      }
      expect(sha256((await api.download(u.agent, messages[1]?.attachment?.id ?? "missing")).bytes)).toBe(sha256(bytes));
    });

    it("answers a voice note, a file that is not a picture or PDF, and one over 5 MB with what support takes, and stores nothing", async () => {
      const u = await freshUsers();
      const { chat, conversation } = await askOnWhatsApp(u.landlord, u.agent, "I need to send you a file");
      const id = conversation.id;
      const notPdf = Buffer.from("MZ\x90\x00 an executable, named like a PDF").toString("base64");
      const gif = Buffer.from("R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=", "base64").toString("base64");
      for (const file of [
        { type: "audio" },
        { type: "document", filename: "id.pdf", caption: "my ID", file: { mimeType: "application/pdf", base64: notPdf } },
        { type: "image", file: { mimeType: "image/gif", base64: gif } },
      ] as const) {
        expect((await chat.say(file)).text, file.type).toMatch(FILES_ACCEPTED);
      }
      const large = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(5 * MB)]);
      expect((await chat.say({ type: "document", filename: "scan.pdf", file: { mimeType: "application/pdf", base64: large.toString("base64") } })).text).toMatch(/^Sorry, that file is larger than 5 MB, so I could not pass it to support\./);
      await h.settle();
      expect(await attachmentsOf(id)).toBe(0);
      expect((await api.messages(u.agent, id)).body.messages.map((message) => message.body)).toEqual(["I need to send you a file"]);

      // Outside support nothing changes: after MENU a photo gets the text-and-buttons answer.
      await chat.say("MENU");
      expect((await chat.say({ type: "image", caption: "my payslip" })).text).toMatch(/^Sorry, I can read text and buttons only/);
      await h.settle();
      expect(await attachmentsOf(id)).toBe(0);
    });

    it("asks for the file again when Meta cannot hand it over: after the step's retries, or at once when retrying cannot help", async () => {
      const u = await freshUsers();
      const { chat, conversation } = await askOnWhatsApp(u.landlord, u.agent, "here comes a screenshot");
      const again = "Sorry, your file did not reach us because of a problem on our side. Please send it again.";
      // Every media lookup fails: the client's 4 tries in each of the step's 4 attempts.
      h.wa.failNext(16, { httpStatus: 503, code: 2, message: "Service temporarily unavailable" });
      expect((await chat.say({ type: "image" })).text).toBe(again);
      await h.settle();
      const failedRuns = () =>
        h.executor
          .runs()
          .filter((run) => run.functionId.endsWith("handle-whatsapp-message") && (run.output as { outcome?: string } | undefined)?.outcome === "support-file-failed")
          .map((run) => [run.status, run.steps.find((step) => step.name === "handle")?.attempts]);
      expect(failedRuns()).toEqual([["completed", 4]]);
      // A media id Meta refuses outright is not retried.
      h.wa.failNext(1, { httpStatus: 400, code: 131052, message: "Media download error" });
      expect((await chat.say({ type: "document", filename: "screenshot.pdf" })).text).toBe(again);
      await h.settle();
      expect(failedRuns()).toEqual([
        ["completed", 4],
        ["completed", 1],
      ]);
      expect(chat.unread()).toEqual([]);
      expect(await attachmentsOf(conversation.id)).toBe(0);
      // Sent again, it arrives.
      await chat.send({ type: "image" });
      await h.settle();
      expect(await attachmentsOf(conversation.id)).toBe(1);
    });
  });
});

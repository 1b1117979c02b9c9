/**
 * Support (issue 8) as people use it, through the route handlers as real users: a customer asks in the
 * widget, staff answer from the inbox. Covers the thread and its states, filters and unread counts,
 * notes, ratings, attachments, shared reports, canned replies, figures, the audit of staff reads, and
 * round-robin assignment over the agents present in the Pusher stand-in's presence channel.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import type * as Schema from "@/db/schema";
import type * as AppFixtures from "../helpers/app-fixtures";
import type * as EnquiryFixtures from "../helpers/enquiry-fixtures";
import { errorOf, loadSupportApi, type SupportApi, type UploadFile } from "../helpers/support-api";
import { startPusherStandIn, startRealtime, type PusherStandIn, type Realtime } from "../helpers/support-realtime";

const MB = 1024 * 1024;
const ascii = (text: string) => new TextEncoder().encode(text);
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
const contains = (haystack: Uint8Array, needle: Uint8Array) => Buffer.from(haystack).includes(Buffer.from(needle));

/** A real 1x1 PNG, with a marker after IEND (viewers ignore it) to look for in storage. */
const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const png = (marker: string) => concat(TINY_PNG, ascii(`marker:${marker}`));
const jpeg = (marker: string) => concat(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), ascii(`JFIF\0marker:${marker}`), Uint8Array.from([0xff, 0xd9]));
const pdf = (marker: string) => ascii(`%PDF-1.4\n% marker:${marker}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

describe("support conversations through the API", () => {
  let stand: PusherStandIn;
  let realtime: Realtime;
  let fixtures: typeof AppFixtures;
  let enquiryFixtures: typeof EnquiryFixtures;
  let db: Database;
  let schema: typeof Schema;
  let api: SupportApi;
  let f: AppFixtures.Fixture;

  beforeAll(async () => {
    // The env module reads process.env once: the Pusher stand-in's address is stubbed before any app module loads.
    stand = await startPusherStandIn();
    fixtures = await import("../helpers/app-fixtures");
    enquiryFixtures = await import("../helpers/enquiry-fixtures");
    db = await (await import("@/db")).getDb();
    schema = await import("@/db/schema");
    f = await fixtures.createFixture(db);
    api = await loadSupportApi(fixtures);
    realtime = await startRealtime(stand, fixtures);
  });

  afterAll(async () => {
    await realtime.close();
    await stand.close();
    vi.unstubAllEnvs();
  });

  const tag = () => crypto.randomUUID().slice(0, 8);
  /** A new organisation's users: no conversations and no rate-limit history yet. */
  const fresh = async (name = tag()) => (await fixtures.createFixture(db, name)).users;
  const ids = (answer: { body: { conversations: Array<{ id: string }> } }) => answer.body.conversations.map((conversation) => conversation.id);
  const only = (answer: { body: { conversations: Array<{ id: string }> } }, among: string[]) => ids(answer).filter((id) => among.includes(id)).sort();

  async function open(user: AppFixtures.FixtureUser, message = `Help with something ${tag()}`): Promise<string> {
    const started = await api.start(user, message);
    expect(started.status).toBe(201);
    return started.body.id;
  }

  describe("the thread", () => {
    it("opens a conversation for a landlord (201) and continues it with the next POST (200); texts are sealed at rest", async () => {
      const { landlord } = await fresh();
      const text = `My report for 14 Loop Street has been queued for an hour ${tag()}`;
      const opened = await api.start(landlord, text);
      expect(opened.status).toBe(201);
      expect(opened.body.id).toBe(opened.body.conversation.id);
      expect(opened.body.conversation).toMatchObject({ status: "open", channel: "web", firstResponseAt: null, resolvedAt: null, requester: { id: landlord.id, email: landlord.email } });
      expect(opened.body.message).toMatchObject({ author: "requester", visibility: "public", channel: "web", body: text, conversationId: opened.body.id });

      const rows = await db.select().from(schema.supportMessages).where(eq(schema.supportMessages.conversationId, opened.body.id));
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain("Loop Street");

      const continued = await api.start(landlord, "Any news on this?");
      expect(continued.status).toBe(200);
      expect(continued.body.id).toBe(opened.body.id);
      expect(continued.body.message).toMatchObject({ author: "requester", body: "Any news on this?" });

      const thread = await api.messages(landlord, opened.body.id);
      expect(thread.status).toBe(200);
      expect(thread.body.messages.map((message) => message.body)).toEqual([text, "Any news on this?"]);
      const mine = await api.list(landlord);
      expect(ids(mine)).toEqual([opened.body.id]);
      const stored = await db.select().from(schema.supportMessages).where(eq(schema.supportMessages.conversationId, opened.body.id));
      expect(JSON.stringify(stored)).not.toContain("Any news");
    });

    it("keeps one conversation when the first messages arrive at once", async () => {
      const { landlord } = await fresh();
      const started = await Promise.all(["one", "two", "three"].map((message) => api.start(landlord, message)));
      expect(started.map((answer) => answer.status).sort()).toEqual([200, 200, 201]);
      expect(new Set(started.map((answer) => answer.body.id)).size).toBe(1);
      const id = started[0]?.body.id ?? "missing";
      expect((await api.messages(landlord, id)).body.messages.map((message) => message.body).sort()).toEqual(["one", "three", "two"]);
      expect(ids(await api.list(landlord))).toEqual([id]);
    });

    it("filters the agents' inbox by mine / unassigned / all, status, channel and a search over requester name, email and organisation", async () => {
      const name = tag();
      const u = await fresh(name);
      const agent = u.agent;
      const a = await open(u.solo, "Where is my invoice?");
      const b = await open(u.otherLandlord, "How do I add a colleague?");
      const c = await open(u.manager, "Sent from my phone");
      // The manager last wrote on WhatsApp: replies go there.
      await db.update(schema.supportConversations).set({ channel: "whatsapp" }).where(eq(schema.supportConversations.id, c));
      const all = [a, b, c];

      expect(only(await api.list(agent, "?scope=unassigned"), all)).toEqual([a, b, c].sort());
      expect((await api.update(agent, a, { assigneeId: agent.id })).status).toBe(200);
      expect(only(await api.list(agent, "?scope=mine"), all)).toEqual([a]);
      expect(only(await api.list(agent, "?scope=unassigned"), all)).toEqual([b, c].sort());
      expect(only(await api.list(agent), all)).toEqual([a, b, c].sort());
      expect(only(await api.list(agent, "?scope=all"), all)).toEqual([a, b, c].sort());
      // Another agent's "mine" is not this agent's.
      expect(only(await api.list(f.users.agent, "?scope=mine"), all)).toEqual([]);

      expect((await api.post(agent, a, "The invoice is under Billing.")).status).toBe(201);
      expect(only(await api.list(agent, "?status=pending"), all)).toEqual([a]);
      expect(only(await api.list(agent, "?status=open"), all)).toEqual([b, c].sort());
      expect(only(await api.list(agent, "?status=resolved"), all)).toEqual([]);
      expect(only(await api.list(agent, "?status=unresolved"), all)).toEqual([a, b, c].sort());
      expect(only(await api.list(agent, "?channel=whatsapp"), all)).toEqual([c]);
      expect(only(await api.list(agent, "?channel=web"), all)).toEqual([a, b].sort());

      // The tag makes names unique in this database: a search finds exactly the requester's conversation.
      expect(ids(await api.list(agent, `?q=${encodeURIComponent(`solo ${name}`)}`))).toEqual([a]);
      expect(ids(await api.list(agent, `?q=${encodeURIComponent(u.otherLandlord.email.toUpperCase())}`))).toEqual([b]);
      expect(ids(await api.list(agent, `?q=${encodeURIComponent(`Other agency ${name}`)}`))).toEqual([b]);
      expect(ids(await api.list(agent, `?q=${encodeURIComponent(`Solo ${name}`)}`))).toEqual([a]);
      expect(ids(await api.list(agent, `?status=open&channel=web&q=${name}`))).toEqual([b]);
      // A wildcard is searched for literally, not as "anything".
      expect(only(await api.list(agent, "?q=%25"), all)).toEqual([]);
      expect(only(await api.list(agent, "?q=_"), all)).toEqual([]);

      const bad = await api.list(agent, "?scope=everyone");
      expect(bad.status).toBe(422);
      expect(errorOf(bad).field).toBe("scope");
      expect(errorOf(await api.list(agent, "?status=closed")).field).toBe("status");
      // A customer's list is their own, whatever they ask for.
      expect(ids(await api.list(u.solo, "?scope=all"))).toEqual([a]);
    });

    it("counts unread messages from the other side, and drops them to 0 after POST /read", async () => {
      const u = await fresh();
      const { landlord, agent } = u;
      const id = await open(landlord, "First question");
      const agentCount = async () => (await api.list(agent, `?q=${encodeURIComponent(landlord.email)}`)).body.conversations.find((conversation) => conversation.id === id)?.unreadCount;
      const requesterCount = async () => (await api.list(landlord)).body.conversations.find((conversation) => conversation.id === id)?.unreadCount;

      expect(await agentCount()).toBe(1);
      expect(await requesterCount()).toBe(0);
      await api.post(landlord, id, "Second");
      await api.post(landlord, id, "Third");
      expect(await agentCount()).toBe(3);
      const read = await api.markRead(agent, id);
      expect(read.status).toBe(204);
      expect(await agentCount()).toBe(0);
      await api.post(landlord, id, "Fourth");
      expect(await agentCount()).toBe(1);

      await api.post(agent, id, "Answer one");
      await api.post(agent, id, "Answer two");
      expect(await requesterCount()).toBe(2);
      // Answering means the agent has seen the thread.
      expect(await agentCount()).toBe(0);
      expect((await api.markRead(landlord, id)).status).toBe(204);
      expect(await requesterCount()).toBe(0);
      const thread = await api.messages(landlord, id);
      expect(thread.body.messages.filter((message) => message.author === "agent").map((message) => message.state)).toEqual(["read", "read"]);
    });

    it("takes the first agent reply as the first response: pending, assigned to that agent if nobody was; the requester's answer opens it again", async () => {
      const name = tag();
      const u = await fresh(name);
      const id = await open(u.landlord2, "The PDF does not download");
      const before = await api.get(u.agent, id);
      expect(before.body.conversation).toMatchObject({ status: "open", firstResponseAt: null, assignee: null });

      const startedAt = Date.now();
      const reply = await api.post(u.agent, id, "Which browser do you use?");
      expect(reply.status).toBe(201);
      expect(reply.body.message).toMatchObject({ author: "agent", authorName: `agent ${name}`, visibility: "public", body: "Which browser do you use?" });
      const answered = (await api.get(u.agent, id)).body.conversation;
      expect(answered).toMatchObject({ status: "pending", assignee: { id: u.agent.id } });
      const firstResponseAt = Date.parse(answered.firstResponseAt ?? "");
      expect(firstResponseAt).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(firstResponseAt).toBeLessThanOrEqual(Date.now());

      // Another staff reply neither moves the first response nor takes the conversation.
      expect((await api.post(u.admin, id, "Also try clearing the cache.")).status).toBe(201);
      const again = (await api.get(u.agent, id)).body.conversation;
      expect(again.firstResponseAt).toBe(answered.firstResponseAt);
      expect(again.assignee?.id).toBe(u.agent.id);

      expect((await api.post(u.landlord2, id, "Chrome, and it still fails")).status).toBe(201);
      expect((await api.get(u.agent, id)).body.conversation).toMatchObject({ status: "open", assignee: { id: u.agent.id }, firstResponseAt: answered.firstResponseAt });
      // A reply to a conversation someone else holds does not take it over.
      const held = await open(u.solo, "Question for the assigned agent");
      await api.update(u.admin, held, { assigneeId: u.admin.id });
      await api.post(u.agent, held, "I can help too.");
      expect((await api.get(u.agent, held)).body.conversation.assignee?.id).toBe(u.admin.id);
    });

    it("never shows internal notes to the requester, nor counts them, nor takes them as a response", async () => {
      const u = await fresh();
      const id = await open(u.landlord, "Please call me back");
      expect((await api.markRead(u.landlord, id)).status).toBe(204);
      const note = await api.post(u.agent, id, "Customer is on the old plan: check billing first", true);
      expect(note.status).toBe(201);
      expect(note.body.message).toMatchObject({ visibility: "internal", author: "agent" });

      const theirs = await api.messages(u.landlord, id);
      expect(theirs.body.messages.map((message) => message.body)).toEqual(["Please call me back"]);
      expect(JSON.stringify(theirs.body)).not.toContain("old plan");
      const listed = (await api.list(u.landlord)).body.conversations.find((conversation) => conversation.id === id);
      expect(listed).toMatchObject({ unreadCount: 0, lastMessagePreview: "Please call me back", status: "open", firstResponseAt: null });
      expect(JSON.stringify((await api.get(u.landlord, id)).body)).not.toContain("old plan");

      const staff = await api.messages(u.agent, id);
      expect(staff.body.messages.map((message) => [message.visibility, message.body])).toEqual([
        ["public", "Please call me back"],
        ["internal", "Customer is on the old plan: check billing first"],
      ]);
      expect((await api.get(u.agent, id)).body.conversation).toMatchObject({ status: "open", firstResponseAt: null, lastMessagePreview: "Please call me back" });

      const sneaky = await api.post(u.landlord, id, "Let me write a note", true);
      expect(sneaky.status).toBe(422);
      expect(errorOf(sneaky).field).toBe("internal");
      expect((await api.messages(u.agent, id)).body.messages).toHaveLength(2);
    });

    it("lets staff set status and assignee; a customer, an unknown user or a bad value is refused with 422 naming the field", async () => {
      const u = await fresh();
      const id = await open(u.solo, "Status please");
      expect((await api.update(u.agent, id, { status: "pending" })).body.conversation.status).toBe("pending");
      expect((await api.update(u.agent, id, { assigneeId: u.admin.id })).body.conversation.assignee).toMatchObject({ id: u.admin.id });
      expect((await api.update(u.admin, id, { assigneeId: u.agent.id, status: "open" })).body.conversation).toMatchObject({ assignee: { id: u.agent.id }, status: "open" });
      expect((await api.update(u.admin, id, { assigneeId: null })).body.conversation.assignee).toBeNull();

      for (const assigneeId of [u.landlord.id, u.manager.id, u.solo.id, crypto.randomUUID(), "not-a-user"]) {
        const refused = await api.update(u.agent, id, { assigneeId });
        expect(refused.status).toBe(422);
        expect(errorOf(refused).field).toBe("assigneeId");
      }
      const badStatus = await api.update(u.agent, id, { status: "closed" });
      expect(badStatus.status).toBe(422);
      expect(errorOf(badStatus).field).toBe("status");
      expect((await api.update(u.agent, id, {})).status).toBe(422);
      expect((await api.get(u.agent, id)).body.conversation).toMatchObject({ assignee: null, status: "open" });
    });

    it("asks for a rating on resolving; the requester rates once; a resolved conversation takes no more messages and a new POST starts another", async () => {
      const u = await fresh();
      const id = await open(u.landlord, "Can I cancel a check?");
      const early = await api.rate(u.landlord, id, 5);
      expect(early.status).toBe(409);
      expect(errorOf(early).code).toBe("CONVERSATION_NOT_RESOLVED");

      await api.post(u.agent, id, "Yes, until it has started.");
      const resolved = await api.update(u.agent, id, { status: "resolved" });
      expect(resolved.status).toBe(200);
      expect(resolved.body.conversation.status).toBe("resolved");
      expect(resolved.body.conversation.resolvedAt).not.toBeNull();
      // Resolving twice asks once.
      expect((await api.update(u.agent, id, { status: "resolved" })).status).toBe(200);
      const thread = (await api.messages(u.landlord, id)).body.messages;
      const asks = thread.filter((message) => message.author === "system");
      expect(asks).toHaveLength(1);
      expect(thread.at(-1)).toMatchObject({ author: "system", authorName: "TenantLens", visibility: "public" });
      expect(asks[0]?.body).toMatch(/How did we do\?.*1.*5/);
      expect((await api.list(u.landlord)).body.conversations.find((conversation) => conversation.id === id)?.unreadCount).toBe(2);

      for (const rating of [0, 6, 4.5, "5", null]) {
        const refused = await api.rate(u.landlord, id, rating);
        expect(refused.status).toBe(422);
        expect(errorOf(refused).field).toBe("rating");
      }
      const garbled = await api.call(api.routes.rating, "POST", `/api/support/conversations/${id}/rating`, { user: u.landlord, params: { id }, body: "{rating: 4" });
      expect(garbled.status).toBe(400);
      const rated = await api.rate(u.landlord, id, 4);
      expect(rated.status).toBe(200);
      expect(rated.body.conversation.rating).toBe(4);
      const twice = await api.rate(u.landlord, id, 5);
      expect(twice.status).toBe(409);
      expect(errorOf(twice).code).toBe("ALREADY_RATED");
      expect((await api.get(u.agent, id)).body.conversation.rating).toBe(4);

      const late = await api.post(u.landlord, id, "One more thing");
      expect(late.status).toBe(409);
      expect(errorOf(late).code).toBe("CONVERSATION_RESOLVED");
      expect((await api.upload(u.landlord, id, { bytes: png("late"), name: "late.png" })).status).toBe(409);
      expect((await api.messages(u.landlord, id)).body.messages).toHaveLength(thread.length);

      const next = await api.start(u.landlord, "A new question");
      expect(next.status).toBe(201);
      expect(next.body.id).not.toBe(id);
      expect(next.body.conversation).toMatchObject({ status: "open", rating: null });
      expect((await api.get(u.landlord, id)).body.conversation).toMatchObject({ status: "resolved", rating: 4 });
      expect(ids(await api.list(u.landlord)).sort()).toEqual([id, next.body.id].sort());
    });

    it("keeps one unresolved conversation per requester when staff reopen or answer an old one (409, never a 500)", async () => {
      const u = await fresh();
      const old = await open(u.landlord, "Old question");
      await api.update(u.agent, old, { status: "resolved" });
      const current = await open(u.landlord, "New question");

      const reopen = await api.update(u.agent, old, { status: "open" });
      expect(reopen.status).toBe(409);
      expect(errorOf(reopen).code).toBe("REQUESTER_HAS_OPEN_CONVERSATION");
      const followUp = await api.post(u.agent, old, "One more detail on your old question");
      expect(followUp.status).toBe(201);
      expect((await api.get(u.agent, old)).body.conversation.status).toBe("resolved");
      expect((await api.get(u.agent, current)).body.conversation.status).toBe("open");

      // With no newer conversation in the way, reopening works and the requester can write again.
      await api.update(u.agent, current, { status: "resolved" });
      const reopened = await api.update(u.agent, old, { status: "open" });
      expect(reopened.status).toBe(200);
      expect(reopened.body.conversation).toMatchObject({ status: "open", resolvedAt: null });
      expect((await api.post(u.landlord, old, "Thanks for reopening")).status).toBe(201);
    });
  });

  describe("notifications", () => {
    it("rings the web requester's bell once per unread stretch of agent replies, never for notes", async () => {
      const u = await fresh();
      const id = await open(u.landlord);
      const bell = async () => (await db.select().from(schema.notifications).where(and(eq(schema.notifications.userId, u.landlord.id), eq(schema.notifications.kind, "support.reply")))).length;

      expect((await api.post(u.agent, id, "Only staff see this", true)).status).toBe(201);
      expect(await bell()).toBe(0);
      await api.post(u.agent, id, "Looking into it now.");
      await api.post(u.agent, id, "Found it: TPN was slow, your report is ready.");
      expect(await bell()).toBe(1);

      expect((await api.markRead(u.landlord, id)).status).toBe(204);
      await api.post(u.agent, id, "Anything else?");
      expect(await bell()).toBe(2);
    });
  });

  describe("bad input", () => {
    it("answers an empty or too long message with 422 naming the field, and malformed JSON with 400", async () => {
      const { landlord, agent } = await fresh();
      const start = "/api/support/conversations";
      for (const message of ["", "   \n ", "x".repeat(4001), 42, undefined]) {
        const refused = await api.start(landlord, { message });
        expect(refused.status).toBe(422);
        expect(errorOf(refused).field).toBe("message");
      }
      const garbled = await api.call(api.routes.conversations, "POST", start, { user: landlord, body: '{"message": "unterminated' });
      expect(garbled.status).toBe(400);
      expect(errorOf(garbled).code).toBe("INVALID_JSON");
      expect((await api.list(landlord)).body.conversations).toEqual([]);

      const longest = await api.start(landlord, "y".repeat(4000));
      expect(longest.status).toBe(201);
      const id = longest.body.id;
      for (const body of ["", " ", "z".repeat(4001)]) {
        const refused = await api.post(landlord, id, body);
        expect(refused.status).toBe(422);
        expect(errorOf(refused).field).toBe("body");
      }
      expect(errorOf(await api.post(agent, id, { body: "fine", internal: "yes" })).field).toBe("internal");
      expect(errorOf(await api.post(landlord, id, { text: "wrong name" })).field).toBe("body");
      const garbledPost = await api.call(api.routes.messages, "POST", `/api/support/conversations/${id}/messages`, { user: landlord, params: { id }, body: "body=hello" });
      expect(garbledPost.status).toBe(400);
      expect((await api.messages(landlord, id)).body.messages).toHaveLength(1);
    });

    it("answers ids that are not UUIDs with 404", async () => {
      const { landlord, agent } = await fresh();
      const bad = "42; drop table support_messages";
      const enquiryId = crypto.randomUUID();
      const answers = [
        await api.get(landlord, bad),
        await api.get(agent, bad),
        await api.messages(landlord, bad),
        await api.post(landlord, bad, "hello"),
        await api.markRead(agent, bad),
        await api.update(agent, bad, { status: "resolved" }),
        await api.rate(landlord, bad, 5),
        await api.upload(landlord, bad, { bytes: png("bad-id"), name: "a.png" }),
        await api.share(landlord, bad, enquiryId),
        await api.unshare(landlord, bad, enquiryId),
        await api.sharedReport(agent, bad, enquiryId),
        await api.sharedReport(agent, crypto.randomUUID(), "report-1"),
        await api.updateCannedReply(f.users.admin, "7", { title: "x" }),
        await api.archiveCannedReply(f.users.admin, "7"),
      ];
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 404));
      expect((await api.download(landlord, "../../etc/passwd")).status).toBe(404);
      expect((await api.get(agent, crypto.randomUUID())).status).toBe(404);
    });
  });

  describe("who sees a conversation", () => {
    it("gives a colleague, the requester's own Property Manager and another organisation's users 404 for the conversation, its messages and attachments", async () => {
      const u = await fresh();
      const id = await open(u.landlord, "Private question about a tenant");
      const upload = await api.upload(u.landlord, id, { bytes: png("private"), name: "tenant.png" });
      expect(upload.status).toBe(201);
      const attachmentId = upload.body.message.attachment?.id ?? "missing";
      const ownEnquiry = await enquiryFixtures.insertEnquiry(db, u.manager);

      for (const outsider of [u.landlord2, u.manager, u.solo, u.otherLandlord, u.otherManager]) {
        const answers = {
          get: await api.get(outsider, id),
          messages: await api.messages(outsider, id),
          post: await api.post(outsider, id, "Let me in"),
          read: await api.markRead(outsider, id),
          rate: await api.rate(outsider, id, 1),
          upload: await api.upload(outsider, id, { bytes: png("intruder"), name: "x.png" }),
          download: await api.download(outsider, attachmentId),
          share: await api.share(outsider, id, ownEnquiry),
          unshare: await api.unshare(outsider, id, ownEnquiry),
        };
        expect(Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, answer.status])), outsider.key).toEqual({
          get: 404,
          messages: 404,
          post: 404,
          read: 404,
          rate: 404,
          upload: 404,
          download: 404,
          share: 404,
          unshare: 404,
        });
        expect(answers.download.bytes.byteLength).toBeLessThan(500);
        expect(ids(await api.list(outsider))).not.toContain(id);
      }
      const thread = (await api.messages(u.landlord, id)).body.messages;
      expect(thread.map((message) => message.author)).toEqual(["requester", "requester"]);
      expect((await api.get(u.landlord, id)).body.sharedReports).toEqual([]);
    });
  });

  describe("attachments", () => {
    it("accepts PNG, JPEG and PDF by their bytes whatever the name; refuses a disguised file, an empty one and one over 5 MB", async () => {
      const u = await fresh();
      const id = await open(u.landlord, "Here are my files");
      const marker = tag();
      const files: Array<{ file: UploadFile; caption?: string; mimeType: string; filename: string }> = [
        { file: { bytes: png(marker), name: "screenshot.txt", type: "text/plain" }, mimeType: "image/png", filename: "screenshot.png" },
        { file: { bytes: jpeg(marker), name: "C:\\Users\\me\\IMG_2041.JPG", type: "image/png" }, caption: "The error page", mimeType: "image/jpeg", filename: "IMG_2041.jpg" },
        { file: { bytes: pdf(marker), name: "bank statement", type: "" }, mimeType: "application/pdf", filename: "bank statement.pdf" },
      ];
      const uploaded: Array<{ attachmentId: string; bytes: Uint8Array; mimeType: string; filename: string }> = [];
      for (const { file, caption, mimeType, filename } of files) {
        const result = await api.upload(u.landlord, id, file, caption);
        expect(result.status, filename).toBe(201);
        expect(result.body.message).toMatchObject({ author: "requester", body: caption ?? `Sent a file: ${filename}`, attachment: { mimeType, filename, bytes: file.bytes.byteLength } });
        uploaded.push({ attachmentId: result.body.message.attachment?.id ?? "missing", bytes: file.bytes, mimeType, filename });
      }

      const disguised = await api.upload(u.landlord, id, { bytes: ascii("<html><script>alert(1)</script></html>"), name: "screenshot.png", type: "image/png" });
      expect(disguised.status).toBe(422);
      expect(errorOf(disguised)).toMatchObject({ code: "UNSUPPORTED_FILE_TYPE", field: "file" });
      const empty = await api.upload(u.landlord, id, { bytes: new Uint8Array(0), name: "empty.png", type: "image/png" });
      expect(empty.status).toBe(422);
      expect(errorOf(empty).field).toBe("file");
      const justOver = await api.upload(u.landlord, id, { bytes: concat(TINY_PNG, new Uint8Array(5 * MB + 1 - TINY_PNG.byteLength)), name: "big.png" });
      expect([413, 422]).toContain(justOver.status);
      const wayOver = await api.upload(u.landlord, id, { bytes: concat(TINY_PNG, new Uint8Array(6 * MB)), name: "huge.png" });
      expect([413, 422]).toContain(wayOver.status);
      // At exactly 5 MB the file is fine.
      const exactly = await api.upload(u.landlord, id, { bytes: concat(TINY_PNG, new Uint8Array(5 * MB - TINY_PNG.byteLength)), name: "exactly.png" });
      expect(exactly.status).toBe(201);
      expect((await api.messages(u.landlord, id)).body.messages.filter((message) => message.attachment)).toHaveLength(4);

      for (const { attachmentId, bytes, mimeType, filename } of uploaded) {
        for (const reader of [u.landlord, u.agent]) {
          const download = await api.download(reader, attachmentId);
          expect(download.status).toBe(200);
          expect(Buffer.from(download.bytes).equals(Buffer.from(bytes))).toBe(true);
          expect(download.headers.get("content-type")).toBe(mimeType);
          expect(download.headers.get("content-disposition")).toBe(`attachment; filename="${filename}"`);
          expect(download.headers.get("x-content-type-options")).toBe("nosniff");
          expect(download.headers.get("cache-control")).toBe("no-store");
        }
      }
      const staffReads = await db
        .select()
        .from(schema.auditEvents)
        .where(and(eq(schema.auditEvents.action, "support.attachment.read"), eq(schema.auditEvents.resourceId, id), eq(schema.auditEvents.actorId, u.agent.id)));
      expect(staffReads).toHaveLength(3);

      // At rest the file is sealed: neither its bytes, nor its marker, nor its name are in storage or the row.
      const { getObjectStore } = await import("@/lib/storage/get-object-store");
      for (const { attachmentId, bytes } of uploaded) {
        const [row] = await db.select().from(schema.supportAttachments).where(eq(schema.supportAttachments.id, attachmentId));
        if (!row) throw new Error("attachment row missing");
        expect(JSON.stringify(row)).not.toMatch(/screenshot|IMG_2041|bank statement/);
        const stored = await getObjectStore().get(row.objectKey);
        expect(stored.byteLength).toBeGreaterThan(0);
        expect(contains(stored, bytes)).toBe(false);
        expect(contains(stored, ascii(marker))).toBe(false);
        expect(contains(stored, ascii(Buffer.from(bytes).toString("base64").slice(0, 40)))).toBe(false);
        expect(contains(stored.subarray(0, 16), bytes.subarray(0, 3))).toBe(false);
      }
    });
  });

  describe("shared reports", () => {
    it("lets an agent read a report only while the requester shares it, in the shape the requester sees", async () => {
      const u = await fresh();
      const enquiryId = await enquiryFixtures.insertReadyReport(db, u.landlord);
      const colleagues = await enquiryFixtures.insertEnquiry(db, u.landlord2, "ready");
      const id = await open(u.landlord, "Why is this applicant high risk?");
      const other = await open(u.solo, "Unrelated question");

      expect((await api.sharedReport(u.agent, id, enquiryId)).status).toBe(404);
      expect((await api.get(u.agent, id)).body.sharedReports).toEqual([]);

      const shared = await api.share(u.landlord, id, enquiryId);
      expect(shared.status).toBe(201);
      expect((await api.get(u.agent, id)).body.sharedReports).toEqual([expect.objectContaining({ enquiryId })]);
      const announced = (await api.messages(u.agent, id)).body.messages.at(-1);
      expect(announced?.author).toBe("system");
      expect(announced?.body).toMatch(/^The report .+ was shared with support\.$/);

      const viaSupport = await api.sharedReport(u.agent, id, enquiryId);
      expect(viaSupport.status).toBe(200);
      const own = await api.report(u.landlord, enquiryId);
      expect(own.status).toBe(200);
      expect(viaSupport.body).toEqual(own.body);
      expect(viaSupport.body).toMatchObject({ id: enquiryId, status: "ready" });
      // Shared in one conversation is not shared in another, and an admin reads it like an agent.
      expect((await api.sharedReport(u.agent, other, enquiryId)).status).toBe(404);
      expect((await api.sharedReport(u.admin, id, enquiryId)).status).toBe(200);
      const audited = await db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.action, "report.read"), eq(schema.auditEvents.resourceId, enquiryId), eq(schema.auditEvents.actorId, u.agent.id)));
      expect(audited.map((event) => event.metadata)).toEqual([{ via: "support-share", conversationId: id }]);

      expect((await api.unshare(u.landlord, id, enquiryId)).status).toBe(204);
      expect((await api.sharedReport(u.agent, id, enquiryId)).status).toBe(404);
      expect((await api.get(u.agent, id)).body.sharedReports).toEqual([]);
      expect((await api.unshare(u.landlord, id, enquiryId)).status).toBe(404);

      // A colleague's report is not the landlord's to share.
      expect((await api.share(u.landlord, id, colleagues)).status).toBe(404);
      expect((await api.sharedReport(u.agent, id, colleagues)).status).toBe(404);
      expect((await api.share(u.landlord, id, crypto.randomUUID())).status).toBe(404);
      expect((await api.get(u.agent, id)).body.sharedReports).toEqual([]);
    });
  });

  describe("canned replies", () => {
    it("are created, edited and archived by an admin, and listed (not managed) by agents", async () => {
      const admin = f.users.admin;
      const agent = f.users.agent;
      const title = `Report delays ${tag()}`;
      const created = await api.createCannedReply(admin, { title, body: "Reports usually take two minutes." });
      expect(created.status).toBe(201);
      const id = created.body.cannedReply.id;
      expect((await api.cannedReplies(agent)).body.cannedReplies).toContainEqual({ id, title, body: "Reports usually take two minutes." });

      const edited = await api.updateCannedReply(admin, id, { body: "Reports usually take five minutes." });
      expect(edited.status).toBe(200);
      expect(edited.body.cannedReply).toEqual({ id, title, body: "Reports usually take five minutes." });
      expect((await api.cannedReplies(agent)).body.cannedReplies).toContainEqual({ id, title, body: "Reports usually take five minutes." });

      expect((await api.createCannedReply(agent, { title: "Mine", body: "Agent's own" })).status).toBe(403);
      expect((await api.updateCannedReply(agent, id, { title: "Hijacked" })).status).toBe(403);
      expect((await api.archiveCannedReply(agent, id)).status).toBe(403);
      expect((await api.cannedReplies(f.users.landlord)).status).toBe(403);
      expect(errorOf(await api.createCannedReply(admin, { title: " ", body: "x" })).field).toBe("title");
      expect(errorOf(await api.createCannedReply(admin, { title: "Long", body: "b".repeat(4001) })).field).toBe("body");
      expect(errorOf(await api.updateCannedReply(admin, id, {})).field).toBe("title");

      expect((await api.archiveCannedReply(admin, id)).status).toBe(204);
      expect((await api.cannedReplies(agent)).body.cannedReplies.map((reply) => reply.id)).not.toContain(id);
      expect((await api.updateCannedReply(admin, id, { title: "Back" })).status).toBe(404);
      expect((await api.archiveCannedReply(admin, id)).status).toBe(404);
    });
  });

  describe("figures and audit", () => {
    it("gives the admin the open count, median first response and average rating of the data", async () => {
      const u = await fresh();
      const before = await api.stats(u.admin);
      expect(before.status).toBe(200);
      expect((await api.stats(u.agent)).status).toBe(403);

      // Two answered conversations with known waits (backdated), one rated 2, one rated 5.
      const quick = await open(u.landlord, "Quick one");
      const slow = await open(u.landlord2, "Slow one");
      await db.update(schema.supportConversations).set({ createdAt: new Date(Date.now() - 90_000) }).where(eq(schema.supportConversations.id, quick));
      await db.update(schema.supportConversations).set({ createdAt: new Date(Date.now() - 3 * 3_600_000) }).where(eq(schema.supportConversations.id, slow));
      const middle = await open(u.solo, "Not answered yet");
      const grew = await api.stats(u.admin);
      expect(grew.body.openConversations).toBe(before.body.openConversations + 3);
      expect(grew.body.unassignedConversations).toBe(before.body.unassignedConversations + 3);
      for (const id of [quick, slow]) {
        await api.post(u.agent, id, "Answered");
        await api.update(u.agent, id, { status: "resolved" });
      }
      await api.rate(u.landlord, quick, 2);
      await api.rate(u.landlord2, slow, 5);
      await api.post(u.agent, middle, "Looking");

      const stats = await api.stats(u.admin);
      const rows = await db.select().from(schema.supportConversations);
      const monthAgo = Date.now() - 30 * 24 * 3_600_000;
      const waits = rows
        .filter((row) => row.firstResponseAt && row.createdAt.getTime() > monthAgo)
        .map((row) => ((row.firstResponseAt?.getTime() ?? 0) - row.createdAt.getTime()) / 1000)
        .sort((x, y) => x - y);
      const half = Math.floor(waits.length / 2);
      const median = waits.length % 2 ? (waits[half] ?? 0) : ((waits[half - 1] ?? 0) + (waits[half] ?? 0)) / 2;
      const ratings = rows.filter((row) => row.rating !== null && row.ratedAt && row.ratedAt.getTime() > monthAgo).map((row) => row.rating ?? 0);
      expect(stats.body).toMatchObject({
        openConversations: rows.filter((row) => row.status === "open").length,
        pendingConversations: rows.filter((row) => row.status === "pending").length,
        unassignedConversations: rows.filter((row) => row.status !== "resolved" && row.assigneeId === null).length,
        ratings: ratings.length,
        averageRating: Math.round((ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length) * 10) / 10,
      });
      expect(Math.abs((stats.body.medianFirstResponseSeconds ?? -10) - median)).toBeLessThanOrEqual(1);
      expect(stats.body.openConversations).toBe(before.body.openConversations);
      expect(stats.body.pendingConversations).toBe(before.body.pendingConversations + 1);
      expect(stats.body.ratings).toBe(before.body.ratings + 2);
      expect(stats.body.medianFirstResponseSeconds).not.toBeNull();
    });

    it("audits every staff read of a conversation and of its messages, and no requester read", async () => {
      const u = await fresh();
      const id = await open(u.landlord, "Audit me");
      const reads = async (action: string, actorId: string) =>
        (await db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.action, action), eq(schema.auditEvents.resourceId, id), eq(schema.auditEvents.actorId, actorId)))).length;
      expect(await reads("support.conversation.read", u.agent.id)).toBe(0);

      await api.get(u.agent, id);
      await api.messages(u.agent, id);
      await api.get(u.agent, id);
      await api.get(u.admin, id);
      await api.messages(u.admin, id);
      await api.get(u.landlord, id);
      await api.messages(u.landlord, id);

      expect(await reads("support.conversation.read", u.agent.id)).toBe(2);
      expect(await reads("support.messages.read", u.agent.id)).toBe(1);
      expect(await reads("support.conversation.read", u.admin.id)).toBe(1);
      expect(await reads("support.messages.read", u.admin.id)).toBe(1);
      expect(await reads("support.conversation.read", u.landlord.id)).toBe(0);
      expect(await reads("support.messages.read", u.landlord.id)).toBe(0);
      const [event] = await db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.action, "support.messages.read"), eq(schema.auditEvents.actorId, u.agent.id)));
      expect(event).toMatchObject({ resourceType: "support_conversation", resourceId: id, outcome: "success" });
    });
  });

  describe("round-robin assignment", () => {
    it("leaves a new conversation unassigned while no agent is online", async () => {
      const u = await fresh();
      const started = await api.start(u.landlord, "Anyone there?");
      expect(started.body.conversation.assignee).toBeNull();
    });

    it("alternates new conversations between the support agents present in presence-agents, and stops when they leave", async () => {
      const { onlineAgentIds } = await import("@/lib/support/assign-agent");
      const agentA = f.users.agent;
      const agentB = (await fresh()).agent;
      const u = await fresh();
      const clients: Array<Awaited<ReturnType<Realtime["connect"]>>> = [];
      for (const staff of [agentA, agentB, f.users.admin]) {
        const client = await realtime.connect(staff);
        await realtime.join(client, "presence-agents");
        clients.push(client);
      }
      expect((await onlineAgentIds()).sort()).toEqual([agentA.id, agentB.id, f.users.admin.id].sort());

      const assignees: Array<string | undefined> = [];
      for (const requester of [u.landlord, u.landlord2, u.solo, u.manager]) {
        const started = await api.start(requester, "New question");
        expect(started.status).toBe(201);
        assignees.push(started.body.conversation.assignee?.id);
      }
      expect(new Set(assignees)).toEqual(new Set([agentA.id, agentB.id]));
      expect(assignees[1]).not.toBe(assignees[0]);
      expect(assignees[2]).toBe(assignees[0]);
      expect(assignees[3]).toBe(assignees[1]);
      // The inbox shows it, and continuing a conversation keeps its agent.
      const mine = await api.list(agentA, "?scope=mine");
      expect(mine.body.conversations.map((conversation) => conversation.assignee?.id)).toEqual([agentA.id, agentA.id]);
      const continued = await api.start(u.landlord, "Follow-up");
      expect(continued.status).toBe(200);
      expect(continued.body.conversation.assignee?.id).toBe(assignees[0]);

      for (const client of clients) client.disconnect();
      const deadline = Date.now() + 5_000;
      while ((await onlineAgentIds()).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(await onlineAgentIds()).toEqual([]);
      const alone = await api.start(u.otherLandlord, "Is anyone online?");
      expect(alone.status).toBe(201);
      expect(alone.body.conversation.assignee).toBeNull();
    });
  });
});

/**
 * The live side of support through the Pusher stand-in: who may subscribe to a conversation's channel
 * and to the staff inbox (through the app's channel-auth route, as pusher-js in the browser does), what
 * each side receives when the other writes, notes on the inbox only, and typing relayed as a client event.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import type { MessageCreatedEvent, TypingEvent } from "@/lib/support/dto";
import type * as AppFixtures from "../helpers/app-fixtures";
import { loadSupportApi, type SupportApi } from "../helpers/support-api";
import { recordEvents, startPusherStandIn, startRealtime, type PusherStandIn, type Realtime } from "../helpers/support-realtime";

const INBOX = "private-support-inbox";
const conversationChannel = (id: string) => `private-support-conversation-${id}`;

describe("support live updates through Pusher", () => {
  let stand: PusherStandIn;
  let realtime: Realtime;
  let fixtures: typeof AppFixtures;
  let db: Database;
  let api: SupportApi;

  beforeAll(async () => {
    // The env module reads process.env once: the stand-in's address is stubbed before any app module loads.
    stand = await startPusherStandIn();
    fixtures = await import("../helpers/app-fixtures");
    db = await (await import("@/db")).getDb();
    api = await loadSupportApi(fixtures);
    realtime = await startRealtime(stand, fixtures);
  });

  afterAll(async () => {
    await realtime.close();
    await stand.close();
    vi.unstubAllEnvs();
  });

  const fresh = async () => (await fixtures.createFixture(db)).users;

  async function open(user: AppFixtures.FixtureUser, message: string): Promise<string> {
    const started = await api.start(user, message);
    expect(started.status).toBe(201);
    return started.body.id;
  }

  it("authorises a conversation's channel for its requester and staff only, and the inbox channel for staff only", async () => {
    const u = await fresh();
    const id = await open(u.landlord, "Who can listen?");
    const outcomes: Record<string, { conversation: number | "ok"; inbox: number | "ok" }> = {};
    for (const key of ["landlord", "landlord2", "manager", "solo", "otherLandlord", "otherManager", "agent", "admin"] as const) {
      const client = await realtime.connect(u[key]);
      const conversation = await realtime.subscribe(client, conversationChannel(id));
      const inbox = await realtime.subscribe(client, INBOX);
      outcomes[key] = { conversation: conversation.ok ? "ok" : conversation.status, inbox: inbox.ok ? "ok" : inbox.status };
      client.disconnect();
    }
    expect(outcomes).toEqual({
      landlord: { conversation: "ok", inbox: 403 },
      landlord2: { conversation: 403, inbox: 403 },
      manager: { conversation: 403, inbox: 403 },
      solo: { conversation: 403, inbox: 403 },
      otherLandlord: { conversation: 403, inbox: 403 },
      otherManager: { conversation: 403, inbox: 403 },
      agent: { conversation: "ok", inbox: "ok" },
      admin: { conversation: "ok", inbox: "ok" },
    });

    // A conversation that does not exist (or a malformed name) is nobody's, not even staff's.
    const agent = await realtime.connect(u.agent);
    expect(await realtime.subscribe(agent, conversationChannel(crypto.randomUUID()))).toEqual({ ok: false, status: 403 });
    expect(await realtime.subscribe(agent, "private-support-conversation-nope")).toEqual({ ok: false, status: 403 });
    agent.disconnect();
  });

  it("tells the requester when an agent replies and the inbox when the requester writes; notes reach the inbox only", async () => {
    const u = await fresh();
    const id = await open(u.landlord, "Is anyone there?");

    const requester = await realtime.connect(u.landlord);
    const requesterChannel = await realtime.join(requester, conversationChannel(id));
    const theirs = recordEvents<MessageCreatedEvent>(requesterChannel, "message.created");
    const statusChanges = recordEvents<{ conversationId: string; status: string }>(requesterChannel, "conversation.updated");
    const agent = await realtime.connect(u.agent);
    const inbox = recordEvents<MessageCreatedEvent>(await realtime.join(agent, INBOX), "message.created");
    const agentsView = recordEvents<MessageCreatedEvent>(await realtime.join(agent, conversationChannel(id)), "message.created");

    const written = await api.post(u.landlord, id, "My report is stuck at queued");
    expect(written.status).toBe(201);
    await expect(inbox.next((event) => event.messageId === written.body.message.id)).resolves.toEqual({ conversationId: id, messageId: written.body.message.id, visibility: "public" });

    const note = await api.post(u.agent, id, "Probably the TPN backlog again", true);
    expect(note.status).toBe(201);
    await expect(inbox.next((event) => event.messageId === note.body.message.id)).resolves.toEqual({ conversationId: id, messageId: note.body.message.id, visibility: "internal" });

    const reply = await api.post(u.agent, id, "We are on it: a few minutes more.");
    expect(reply.status).toBe(201);
    await expect(theirs.next((event) => event.messageId === reply.body.message.id)).resolves.toEqual({ conversationId: id, messageId: reply.body.message.id, visibility: "public" });
    await agentsView.next((event) => event.messageId === reply.body.message.id);
    await inbox.next((event) => event.messageId === reply.body.message.id);
    await expect(statusChanges.next((event) => event.status === "pending")).resolves.toMatchObject({ conversationId: id, status: "pending" });

    // Events on one connection arrive in order: the note, sent before the reply, would be here by now.
    expect(theirs.events.map((event) => event.messageId)).toEqual([written.body.message.id, reply.body.message.id]);
    expect(theirs.events.some((event) => event.visibility === "internal")).toBe(false);
    expect(agentsView.events.map((event) => event.messageId)).not.toContain(note.body.message.id);
    expect(inbox.events.filter((event) => event.conversationId === id).map((event) => event.messageId)).toEqual([written.body.message.id, note.body.message.id, reply.body.message.id]);
    requester.disconnect();
    agent.disconnect();
  });

  it("relays the requester's client-typing event to the agent on the conversation channel", async () => {
    const u = await fresh();
    const id = await open(u.landlord, "Typing test");
    const agent = await realtime.connect(u.agent);
    const typing = recordEvents<TypingEvent>(await realtime.join(agent, conversationChannel(id)), "client-typing");
    const requester = await realtime.connect(u.landlord);
    const channel = await realtime.join(requester, conversationChannel(id));
    const mirrored = recordEvents<TypingEvent>(channel, "client-typing");

    expect(channel.trigger("client-typing", { side: "requester", name: "landlord" })).toBe(true);
    await expect(typing.next()).resolves.toEqual({ side: "requester", name: "landlord" });
    // And back: the agent's typing reaches the requester; a sender never hears its own event.
    const agentChannel = agent.channel(conversationChannel(id));
    expect(agentChannel.trigger("client-typing", { side: "agent", name: "agent" })).toBe(true);
    await expect(mirrored.next()).resolves.toEqual({ side: "agent", name: "agent" });
    expect(typing.events).toHaveLength(1);
    expect(mirrored.events).toHaveLength(1);

    // Someone refused the channel cannot type into it.
    const colleague = await realtime.connect(u.landlord2);
    expect(await realtime.subscribe(colleague, conversationChannel(id))).toEqual({ ok: false, status: 403 });
    requester.disconnect();
    agent.disconnect();
    colleague.disconnect();
  });
});

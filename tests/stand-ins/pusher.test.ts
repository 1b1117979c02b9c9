/**
 * The Pusher stand-in (dev/pusher) driven by the real SDKs: `pusher-js` (its Node build) connects
 * through `pusherClientOptions`, the `pusher` server SDK publishes through `pusherServerOptions`, and
 * private/presence subscriptions are authorised by a tiny HTTP endpoint that calls
 * lib/realtime/authorize-channel.ts — the code path the app's auth route will use.
 */
import { createHmac, createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isDeepStrictEqual } from "node:util";
import Pusher from "pusher";
import PusherJS, { type Channel, type PresenceChannel } from "pusher-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, type RawData } from "ws";
import { startPusherServer, type RunningPusherServer } from "@/dev/pusher/server";
import { verifyChannelAuth } from "@/dev/pusher/signature";
import { AppError, BadRequestError, ForbiddenError } from "@/lib/api/errors";
import { authorizeChannel, type ChannelAccessDecision } from "@/lib/realtime/authorize-channel";
import { pusherClientOptions, pusherServerOptions } from "@/lib/realtime/pusher-config";

const APP = { id: "tenantlens-test", key: randomBytes(10).toString("hex"), secret: randomBytes(16).toString("hex") };
const WAIT_MS = 5_000;

let stand: RunningPusherServer;
let authServer: Server;
let authBase: string;
let server: Pusher;
const authCalls: Array<{ path: string; status: number }> = [];
const clients: PusherJS[] = [];
const rawSockets: WebSocket[] = [];

// ---------------------------------------------------------------- helpers

function withTimeout<T>(promise: Promise<T>, label: string, ms = WAIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${label}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function serverFor(secret: string, key = APP.key): Pusher {
  return new Pusher(
    pusherServerOptions({ PUSHER_APP_ID: APP.id, PUSHER_KEY: key, PUSHER_SECRET: secret, PUSHER_HOST: "127.0.0.1", PUSHER_PORT: String(stand.port) }),
  );
}

/** A pusher-js client configured exactly like the app's browser client; `user` is who the auth endpoint sees. */
function newClient(options: { user?: string; authPath?: string; key?: string } = {}): PusherJS {
  const endpoint = `${authBase}${options.authPath ?? "/auth"}?user=${encodeURIComponent(options.user ?? "anonymous")}`;
  const client = new PusherJS(
    options.key ?? APP.key,
    pusherClientOptions(
      { NEXT_PUBLIC_PUSHER_KEY: options.key ?? APP.key, NEXT_PUBLIC_PUSHER_HOST: "127.0.0.1", NEXT_PUBLIC_PUSHER_PORT: String(stand.port) },
      endpoint,
    ),
  );
  clients.push(client);
  return client;
}

async function connected(options: Parameters<typeof newClient>[0] = {}): Promise<PusherJS> {
  const client = newClient(options);
  await withTimeout(
    new Promise<void>((resolve) => {
      if (client.connection.state === "connected") resolve();
      client.connection.bind("connected", () => resolve());
    }),
    "pusher-js to connect",
  );
  return client;
}

function socketIdOf(client: PusherJS): string {
  const id: unknown = client.connection.socket_id;
  if (typeof id !== "string") throw new Error("client has no socket id");
  return id;
}

async function subscribe(client: PusherJS, name: string): Promise<Channel> {
  const channel = client.subscribe(name);
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      channel.bind("pusher:subscription_succeeded", () => resolve());
      channel.bind("pusher:subscription_error", (error: unknown) => reject(new Error(`subscription_error ${JSON.stringify(error)}`)));
    }),
    `subscription to ${name}`,
  );
  return channel;
}

function subscriptionError(client: PusherJS, name: string): Promise<unknown> {
  const channel = client.subscribe(name);
  return withTimeout(
    new Promise<unknown>((resolve, reject) => {
      channel.bind("pusher:subscription_succeeded", () => reject(new Error(`${name} was subscribed but should have been refused`)));
      channel.bind("pusher:subscription_error", (error: unknown) => resolve(error));
    }),
    `subscription_error on ${name}`,
  );
}

function isPresence(channel: Channel): channel is PresenceChannel {
  return "members" in channel;
}

async function subscribePresence(client: PusherJS, name: string): Promise<PresenceChannel> {
  const channel = await subscribe(client, name);
  if (!isPresence(channel)) throw new Error(`${name} is not a presence channel`);
  return channel;
}

/** Collects every `event` the channel emits, with its metadata. */
function record(channel: Channel, event: string): Array<{ data: unknown; metadata: unknown }> {
  const seen: Array<{ data: unknown; metadata: unknown }> = [];
  channel.bind(event, (data: unknown, metadata: unknown) => seen.push({ data, metadata }));
  return seen;
}

function next(channel: Channel, event: string): Promise<{ data: unknown; metadata: unknown }> {
  return withTimeout(
    new Promise((resolve) => {
      const handler = (data: unknown, metadata: unknown) => {
        channel.unbind(event, handler);
        resolve({ data, metadata });
      };
      channel.bind(event, handler);
    }),
    `${event} on ${channel.name}`,
  );
}

/**
 * Frames reach one socket in the order the server sent them, so once a marker event triggered now has
 * arrived, anything the server sent that socket earlier has arrived too. Used to prove absence.
 */
async function barrier(channel: Channel): Promise<void> {
  const marker = `marker-${randomBytes(4).toString("hex")}`;
  const arrived = next(channel, marker);
  await server.trigger(channel.name, marker, {});
  await arrived;
}

function rawConnect(path: string): { socket: WebSocket; frames: Array<{ event: string; data?: unknown; channel?: string }>; closed: Promise<number> } {
  const socket = new WebSocket(`ws://127.0.0.1:${stand.port}${path}`);
  rawSockets.push(socket);
  const frames: Array<{ event: string; data?: unknown; channel?: string }> = [];
  socket.on("message", (raw) => {
    const parsed: unknown = JSON.parse(text(raw));
    if (typeof parsed === "object" && parsed !== null && "event" in parsed && typeof parsed.event === "string") {
      frames.push({ ...parsed, event: parsed.event });
    }
  });
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  return { socket, frames, closed };
}

function text(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString("utf8");
  return Array.isArray(raw) ? Buffer.concat(raw).toString("utf8") : Buffer.from(raw).toString("utf8");
}

async function waitUntil(check: () => boolean, label: string, ms = WAIT_MS): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function frameData(frame: { data?: unknown } | undefined): unknown {
  return typeof frame?.data === "string" ? JSON.parse(frame.data) : frame?.data;
}

/** Polls the channel info endpoint until the stand-in reports `expected`. */
async function waitUntilInfo(channel: string, expected: unknown): Promise<void> {
  const started = Date.now();
  for (;;) {
    const info = await readJson(await server.get({ path: `/channels/${channel}`, params: { info: "user_count,subscription_count" } }));
    if (isDeepStrictEqual(info, expected)) return;
    if (Date.now() - started > WAIT_MS) throw new Error(`${channel} info is ${JSON.stringify(info)}, expected ${JSON.stringify(expected)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function readJson(response: { json(): Promise<unknown> }): Promise<unknown> {
  return response.json();
}

async function requestError(promise: Promise<unknown>): Promise<{ status?: number; body?: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Pusher.RequestError) return { status: error.status, body: error.body };
    throw error;
  }
  throw new Error("request should have failed");
}

// ---------------------------------------------------------------- the auth endpoint

/** The test's stand-in for the app route: decides, then signs through authorize-channel.ts. */
function decide(channelName: string, user: string): ChannelAccessDecision {
  if (channelName.startsWith("private-denied-")) return { allow: false };
  if (channelName.startsWith("presence-")) return { allow: true, presence: { userId: user, userInfo: { name: `User ${user}` } } };
  return { allow: true };
}

async function handleAuth(req: IncomingMessage, res: ServerResponse, signers: Record<string, Pusher>) {
  const url = new URL(req.url ?? "/", "http://localhost");
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    const value: unknown = chunk;
    chunks.push(Buffer.isBuffer(value) ? value : Buffer.from(String(value)));
  }
  const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
  const signer = signers[url.pathname];
  let status = 200;
  let body: string;
  if (req.method !== "POST" || signer === undefined) {
    status = 404;
    body = JSON.stringify({ error: "not found" });
  } else {
    try {
      const channelName = form.get("channel_name") ?? "";
      body = JSON.stringify(
        authorizeChannel(signer, { socketId: form.get("socket_id"), channelName }, decide(channelName, url.searchParams.get("user") ?? "anonymous")),
      );
    } catch (error) {
      status = error instanceof AppError ? error.status : 500;
      body = JSON.stringify({ error: error instanceof Error ? error.message : "error" });
    }
  }
  authCalls.push({ path: url.pathname, status });
  res.writeHead(status, { "content-type": "application/json" });
  res.end(body);
}

// ---------------------------------------------------------------- lifecycle

beforeAll(async () => {
  stand = await startPusherServer({ port: 0, host: "127.0.0.1", apps: [APP], logLevel: "silent" });
  server = serverFor(APP.secret);
  const signers = { "/auth": server, "/forged": serverFor(randomBytes(16).toString("hex")) };
  authServer = createServer((req, res) => {
    handleAuth(req, res, signers).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => authServer.listen(0, "127.0.0.1", resolve));
  const address = authServer.address();
  if (address === null || typeof address === "string") throw new Error("auth server has no port");
  authBase = `http://127.0.0.1:${(address satisfies AddressInfo).port}`;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  for (const socket of rawSockets.splice(0)) socket.terminate();
  authCalls.length = 0;
  // Let the stand-in process the closes, so every test starts with no occupied channel.
  const started = Date.now();
  for (;;) {
    const listing = await readJson(await server.get({ path: "/channels" }));
    if (isDeepStrictEqual(listing, { channels: {} })) break;
    if (Date.now() - started > WAIT_MS) throw new Error(`channels still occupied: ${JSON.stringify(listing)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
});

afterAll(async () => {
  await stand.close();
  await new Promise<void>((resolve, reject) => authServer.close((error) => (error ? reject(error) : resolve())));
});

// ---------------------------------------------------------------- tests

describe("Pusher stand-in: handshake", () => {
  it("sends pusher:connection_established with a socket id and the activity timeout", async () => {
    const raw = rawConnect(`/app/${APP.key}?protocol=7&client=js&version=8.6.0&flash=false`);
    await waitUntil(() => raw.frames.length > 0, "connection_established");
    expect(raw.frames[0]?.event).toBe("pusher:connection_established");
    expect(typeof raw.frames[0]?.data).toBe("string");
    const data = frameData(raw.frames[0]);
    expect(data).toMatchObject({ activity_timeout: 120 });
    expect(Object.keys(data ?? {}).sort()).toEqual(["activity_timeout", "socket_id"]);
    expect(typeof data === "object" && data !== null && "socket_id" in data ? data.socket_id : undefined).toMatch(/^\d+\.\d+$/);

    raw.socket.send(JSON.stringify({ event: "pusher:ping", data: {} }));
    await waitUntil(() => raw.frames.length > 1, "pong");
    expect(raw.frames[1]?.event).toBe("pusher:pong");
  });

  it("connects pusher-js and gives it a socket id", async () => {
    const client = await connected();
    expect(socketIdOf(client)).toMatch(/^\d+\.\d+$/);
  });

  it("refuses an unknown app key with pusher:error 4001 and closes with 4001", async () => {
    const raw = rawConnect(`/app/not-a-key?protocol=7&client=js&version=8.6.0`);
    const code = await withTimeout(raw.closed, "close");
    expect(code).toBe(4001);
    expect(raw.frames.map((frame) => frame.event)).toEqual(["pusher:error"]);
    expect(raw.frames[0]?.data).toMatchObject({ code: 4001 });

    const client = newClient({ key: "not-a-key" });
    const error = await withTimeout(
      new Promise<unknown>((resolve) => client.connection.bind("error", (event: unknown) => resolve(event))),
      "pusher-js error",
    );
    expect(error).toMatchObject({ error: { type: "PusherError", data: { code: 4001 } } });
    await waitUntil(() => client.connection.state === "disconnected", "pusher-js to give up");
  });

  it("refuses an unsupported protocol with 4007", async () => {
    const raw = rawConnect(`/app/${APP.key}?protocol=6&client=js&version=8.6.0`);
    expect(await withTimeout(raw.closed, "close")).toBe(4007);
    expect(raw.frames[0]).toMatchObject({ event: "pusher:error", data: { code: 4007 } });
  });

  it("pings an idle connection and closes it with 4201 when no pong comes", async () => {
    const quick = await startPusherServer({ port: 0, apps: [APP], activityTimeoutSeconds: 1, logLevel: "silent" });
    try {
      const socket = new WebSocket(`ws://127.0.0.1:${quick.port}/app/${APP.key}?protocol=7&client=js&version=8.6.0`);
      const events: string[] = [];
      socket.on("message", (raw) => {
        const parsed: unknown = JSON.parse(text(raw));
        if (typeof parsed === "object" && parsed !== null && "event" in parsed && typeof parsed.event === "string") events.push(parsed.event);
      });
      const code = await withTimeout(new Promise<number>((resolve) => socket.on("close", (c) => resolve(c))), "idle close");
      expect(events.slice(0, 2)).toEqual(["pusher:connection_established", "pusher:ping"]);
      expect(code).toBe(4201);

      // pusher-js answers the server's pings (and pings on its own), so it stays on the same socket.
      const client = new PusherJS(
        APP.key,
        pusherClientOptions({ NEXT_PUBLIC_PUSHER_KEY: APP.key, NEXT_PUBLIC_PUSHER_HOST: "127.0.0.1", NEXT_PUBLIC_PUSHER_PORT: quick.port }, `${authBase}/auth`),
      );
      clients.push(client);
      await withTimeout(new Promise<void>((resolve) => client.connection.bind("connected", () => resolve())), "connect");
      const firstId = socketIdOf(client);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(client.connection.state).toBe("connected");
      expect(socketIdOf(client)).toBe(firstId);
    } finally {
      await quick.close();
    }
  });
});

describe("Pusher stand-in: channels and events", () => {
  it("delivers pusher.trigger on a public channel", async () => {
    const client = await connected();
    const channel = await subscribe(client, "public-updates");
    const received = next(channel, "report.ready");
    const response = await server.trigger("public-updates", "report.ready", { reportId: "r1" });
    expect(response.status).toBe(200);
    expect((await received).data).toEqual({ reportId: "r1" });
  });

  it("authorises a private channel through the auth endpoint and delivers events", async () => {
    const client = await connected({ user: "alice" });
    const channel = await subscribe(client, "private-tenant-1");
    expect(authCalls).toEqual([{ path: "/auth", status: 200 }]);
    const received = next(channel, "invoice.paid");
    await server.trigger("private-tenant-1", "invoice.paid", { amount: 42 });
    expect((await received).data).toEqual({ amount: 42 });
  });

  it("does not deliver to the socket named in socket_id", async () => {
    const a = await connected();
    const b = await connected();
    const channelA = await subscribe(a, "private-room");
    const channelB = await subscribe(b, "private-room");
    const seenByA = record(channelA, "msg");
    const seenByB = record(channelB, "msg");

    await server.trigger("private-room", "msg", { n: 1 }, { socket_id: socketIdOf(a) });
    await server.trigger("private-room", "msg", { n: 2 });
    await waitUntil(() => seenByA.length >= 1 && seenByB.length >= 2, "both events");
    expect(seenByA.map((event) => event.data)).toEqual([{ n: 2 }]);
    expect(seenByB.map((event) => event.data)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("delivers a batch trigger, honouring socket_id per event", async () => {
    const a = await connected();
    const b = await connected();
    const first = await subscribe(a, "batch-one");
    const secondA = await subscribe(a, "private-batch-two");
    const secondB = await subscribe(b, "private-batch-two");
    const seenFirst = record(first, "e");
    const seenSecondA = record(secondA, "e");
    const seenSecondB = record(secondB, "e");

    const response = await server.triggerBatch([
      { channel: "batch-one", name: "e", data: { i: 1 } },
      { channel: "private-batch-two", name: "e", data: { i: 2 }, socket_id: socketIdOf(a) },
    ]);
    expect(response.status).toBe(200);
    await waitUntil(() => seenFirst.length === 1 && seenSecondB.length === 1, "batch events");
    await barrier(secondA);
    expect(seenFirst[0]?.data).toEqual({ i: 1 });
    expect(seenSecondB[0]?.data).toEqual({ i: 2 });
    expect(seenSecondA).toEqual([]);
  });

  it("refuses a subscription whose auth was signed with the wrong secret", async () => {
    const client = await connected({ authPath: "/forged" });
    const error = await subscriptionError(client, "private-secret");
    // The endpoint answered 200: the refusal is the stand-in's signature check.
    expect(authCalls).toEqual([{ path: "/forged", status: 200 }]);
    expect(error).toMatchObject({ type: "AuthError", status: 401 });
    const info = await readJson(await server.get({ path: "/channels/private-secret", params: { info: "subscription_count" } }));
    expect(info).toEqual({ occupied: false, subscription_count: 0 });
  });

  it("refuses a raw subscribe with a forged or missing signature", async () => {
    const raw = rawConnect(`/app/${APP.key}?protocol=7&client=js&version=8.6.0`);
    await waitUntil(() => raw.frames.length > 0, "connection_established");
    const data = frameData(raw.frames[0]);
    const socketId = typeof data === "object" && data !== null && "socket_id" in data ? String(data.socket_id) : "";
    const forged = createHmac("sha256", "not-the-secret").update(`${socketId}:private-x`).digest("hex");
    raw.socket.send(JSON.stringify({ event: "pusher:subscribe", data: { channel: "private-x", auth: `${APP.key}:${forged}` } }));
    raw.socket.send(JSON.stringify({ event: "pusher:subscribe", data: { channel: "presence-x", auth: "" } }));
    await waitUntil(() => raw.frames.length >= 3, "two refusals");
    expect(raw.frames.slice(1).map((frame) => [frame.event, frame.channel])).toEqual([
      ["pusher:subscription_error", "private-x"],
      ["pusher:subscription_error", "presence-x"],
    ]);
  });

  it("surfaces the endpoint's 403 when the policy denies the channel", async () => {
    const client = await connected();
    const error = await subscriptionError(client, "private-denied-payroll");
    expect(authCalls).toEqual([{ path: "/auth", status: 403 }]);
    expect(error).toMatchObject({ type: "AuthError", status: 403 });
  });
});

describe("Pusher stand-in: presence", () => {
  it("announces members joining and leaving, once per user", async () => {
    const alice = await connected({ user: "alice" });
    const aliceChannel = await subscribePresence(alice, "presence-board");
    expect(aliceChannel.members.count).toBe(1);
    expect(aliceChannel.members.me).toEqual({ id: "alice", info: { name: "User alice" } });

    const added = next(aliceChannel, "pusher:member_added");
    const bob = await connected({ user: "bob" });
    const bobChannel = await subscribePresence(bob, "presence-board");
    expect((await added).data).toEqual({ id: "bob", info: { name: "User bob" } });
    expect(bobChannel.members.count).toBe(2);
    const seenByBob: string[] = [];
    bobChannel.members.each((member: { id: string }) => seenByBob.push(member.id));
    expect(seenByBob.sort()).toEqual(["alice", "bob"]);
    expect(aliceChannel.members.count).toBe(2);

    // A second socket of alice: no member_added for anyone, user_count stays 2.
    const addedForBob = record(bobChannel, "pusher:member_added");
    const removedForBob = record(bobChannel, "pusher:member_removed");
    const aliceAgain = await connected({ user: "alice" });
    await subscribePresence(aliceAgain, "presence-board");
    await barrier(bobChannel);
    expect(addedForBob).toEqual([]);
    const info = await readJson(await server.get({ path: "/channels/presence-board", params: { info: "user_count,subscription_count" } }));
    expect(info).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });

    // One of alice's sockets leaves: she is still present.
    aliceAgain.unsubscribe("presence-board");
    await waitUntilInfo("presence-board", { occupied: true, user_count: 2, subscription_count: 2 });
    await barrier(bobChannel);
    expect(removedForBob).toEqual([]);

    // Her last socket leaves: bob sees her go.
    const removed = next(bobChannel, "pusher:member_removed");
    alice.disconnect();
    expect((await removed).data).toEqual({ id: "alice", info: { name: "User alice" } });
    expect(bobChannel.members.count).toBe(1);
    const users = await readJson(await server.get({ path: "/channels/presence-board/users" }));
    expect(users).toEqual({ users: [{ id: "bob" }] });
  });
});

describe("Pusher stand-in: client events", () => {
  it("relays client- events between private subscribers, not back to the sender", async () => {
    const a = await connected();
    const b = await connected();
    const channelA = await subscribe(a, "private-chat");
    const channelB = await subscribe(b, "private-chat");
    const seenByA = record(channelA, "client-typing");
    const received = next(channelB, "client-typing");
    expect(channelA.trigger("client-typing", { typing: true })).toBe(true);
    expect((await received).data).toEqual({ typing: true });
    await barrier(channelA);
    expect(seenByA).toEqual([]);
  });

  it("adds user_id to client events on presence channels", async () => {
    const a = await connected({ user: "carol" });
    const b = await connected({ user: "dave" });
    const channelA = await subscribePresence(a, "presence-chat");
    const channelB = await subscribePresence(b, "presence-chat");
    const received = next(channelB, "client-wave");
    channelA.trigger("client-wave", { hi: 1 });
    expect(await received).toEqual({ data: { hi: 1 }, metadata: { user_id: "carol" } });
  });

  it("refuses client- events on public channels and from unsubscribed sockets", async () => {
    const a = await connected();
    const b = await connected();
    const channelA = await subscribe(a, "public-chat");
    const channelB = await subscribe(b, "public-chat");
    const seenByB = record(channelB, "client-typing");
    const error = withTimeout(new Promise<unknown>((resolve) => a.connection.bind("error", (event: unknown) => resolve(event))), "pusher:error");
    channelA.trigger("client-typing", { typing: true });
    expect(await error).toMatchObject({
      type: "PusherError",
      data: { code: null, message: "Client event rejected - only supported on private and presence channels" },
    });
    await barrier(channelB);
    expect(seenByB).toEqual([]);

    const raw = rawConnect(`/app/${APP.key}?protocol=7&client=js&version=8.6.0`);
    await waitUntil(() => raw.frames.length > 0, "connection_established");
    const privateB = await subscribe(b, "private-closed");
    const seenPrivateB = record(privateB, "client-sneak");
    raw.socket.send(JSON.stringify({ event: "client-sneak", channel: "private-closed", data: {} }));
    await waitUntil(() => raw.frames.length > 1, "refusal");
    expect(raw.frames[1]).toEqual({
      event: "pusher:error",
      data: { code: null, message: "Client event rejected - you must be subscribed to the channel" },
    });
    await barrier(privateB);
    expect(seenPrivateB).toEqual([]);
  });
});

describe("Pusher stand-in: HTTP API", () => {
  it("answers 401 with a text body to a wrong signature or key, and 400 to a malformed body", async () => {
    const wrongSecret = await requestError(serverFor("wrong-secret").trigger("public-x", "e", {}));
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toContain("Invalid signature");

    const wrongKey = await requestError(serverFor(APP.secret, "wrong-key").trigger("public-x", "e", {}));
    expect(wrongKey).toEqual({ status: 401, body: "Invalid key" });

    const malformed = await requestError(server.post({ path: "/events", body: "not an event" }));
    expect(malformed.status).toBe(400);
  });

  it("checks body_md5 and the timestamp window", async () => {
    const path = `/apps/${APP.id}/events`;
    const signed = server.createSignedQueryString({ method: "POST", path, body: JSON.stringify({ name: "e", channel: "public-x", data: "{}" }) });
    const tampered = await fetch(`${stand.url}${path}?${signed}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "e", channel: "public-x", data: "{\"evil\":true}" }),
    });
    expect(tampered.status).toBe(401);
    expect(await tampered.text()).toBe("Invalid body_md5");

    const body = JSON.stringify({ name: "e", channel: "public-x", data: "{}" });
    const params = `auth_key=${APP.key}&auth_timestamp=${Math.floor(Date.now() / 1000) - 3600}&auth_version=1.0&body_md5=${createHash("md5").update(body).digest("hex")}`;
    const signature = createHmac("sha256", APP.secret).update(`POST\n${path}\n${params}`).digest("hex");
    const stale = await fetch(`${stand.url}${path}?${params}&auth_signature=${signature}`, { method: "POST", body });
    expect(stale.status).toBe(401);
    expect(await stale.text()).toContain("Timestamp expired");

    const fresh = params.replace(/auth_timestamp=\d+/, `auth_timestamp=${Math.floor(Date.now() / 1000)}`);
    const freshSignature = createHmac("sha256", APP.secret).update(`POST\n${path}\n${fresh}`).digest("hex");
    const ok = await fetch(`${stand.url}${path}?${fresh}&auth_signature=${freshSignature}`, { method: "POST", body });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({});
  });

  it("reports channels, channel info and presence users", async () => {
    const a = await connected({ user: "erin" });
    const b = await connected({ user: "frank" });
    await subscribe(a, "public-lobby");
    await subscribe(b, "public-lobby");
    await subscribePresence(a, "presence-lobby");
    await subscribePresence(b, "presence-lobby");

    expect(await readJson(await server.get({ path: "/channels" }))).toEqual({ channels: { "presence-lobby": {}, "public-lobby": {} } });
    expect(await readJson(await server.get({ path: "/channels", params: { filter_by_prefix: "presence-", info: "user_count" } }))).toEqual({
      channels: { "presence-lobby": { user_count: 2 } },
    });
    expect(await readJson(await server.get({ path: "/channels/public-lobby", params: { info: "subscription_count" } }))).toEqual({
      occupied: true,
      subscription_count: 2,
    });
    expect(await readJson(await server.get({ path: "/channels/public-empty" }))).toEqual({ occupied: false });
    const users = await readJson(await server.get({ path: "/channels/presence-lobby/users" }));
    expect(users).toEqual({ users: [{ id: "erin" }, { id: "frank" }] });

    expect((await requestError(server.get({ path: "/channels/public-lobby/users" }))).status).toBe(400);
    expect((await requestError(server.get({ path: "/channels", params: { info: "user_count" } }))).status).toBe(400);

    const withInfo = await server.trigger("presence-lobby", "e", {}, { info: "user_count,subscription_count" });
    expect(await readJson(withInfo)).toEqual({ channels: { "presence-lobby": { user_count: 2, subscription_count: 2 } } });
  });
});

describe("lib/realtime", () => {
  const socketId = "123.456";

  it("authorizeChannel signs what the stand-in verifies, and validates its input", () => {
    const signed = authorizeChannel(server, { socketId, channelName: "private-a" }, { allow: true });
    expect(verifyChannelAuth(APP, socketId, "private-a", signed.auth)).toBe(true);
    expect(verifyChannelAuth(APP, "123.457", "private-a", signed.auth)).toBe(false);

    const presence = authorizeChannel(server, { socketId, channelName: "presence-a" }, { allow: true, presence: { userId: "u1" } });
    expect(presence.channel_data).toBe(JSON.stringify({ user_id: "u1" }));
    expect(verifyChannelAuth(APP, socketId, "presence-a", presence.auth, presence.channel_data)).toBe(true);

    expect(() => authorizeChannel(server, { socketId: "abc", channelName: "private-a" }, { allow: true })).toThrow(BadRequestError);
    expect(() => authorizeChannel(server, { socketId, channelName: "public-a" }, { allow: true })).toThrow(BadRequestError);
    expect(() => authorizeChannel(server, { socketId, channelName: "private-a b" }, { allow: true })).toThrow(BadRequestError);
    expect(() => authorizeChannel(server, { socketId, channelName: "private-a" }, { allow: false })).toThrow(ForbiddenError);
    expect(() => authorizeChannel(server, { socketId, channelName: "presence-a" }, { allow: true })).toThrow(/presence user/);
  });

  it("builds SDK options for the stand-in and for a Pusher cluster", () => {
    const base = { PUSHER_APP_ID: "1", PUSHER_KEY: "k", PUSHER_SECRET: "s" };
    expect(pusherServerOptions({ ...base, PUSHER_HOST: "127.0.0.1", PUSHER_PORT: "6001" })).toEqual({
      appId: "1",
      key: "k",
      secret: "s",
      host: "127.0.0.1",
      port: "6001",
      useTLS: false,
    });
    expect(pusherServerOptions({ ...base, PUSHER_HOST: "", PUSHER_CLUSTER: "eu" })).toEqual({ appId: "1", key: "k", secret: "s", cluster: "eu", useTLS: true });
    expect(() => pusherServerOptions(base)).toThrow(/PUSHER_HOST or PUSHER_CLUSTER/);
    expect(() => pusherServerOptions({ ...base, PUSHER_HOST: "h", PUSHER_PORT: "99999" })).toThrow();

    expect(pusherClientOptions({ NEXT_PUBLIC_PUSHER_KEY: "k", NEXT_PUBLIC_PUSHER_HOST: "localhost", NEXT_PUBLIC_PUSHER_PORT: "6001" }, "/api/pusher/auth")).toEqual({
      cluster: "",
      wsHost: "localhost",
      wsPort: 6001,
      wssPort: 6001,
      forceTLS: false,
      enabledTransports: ["ws", "wss"],
      channelAuthorization: { endpoint: "/api/pusher/auth", transport: "ajax" },
    });
    expect(pusherClientOptions({ NEXT_PUBLIC_PUSHER_KEY: "k", NEXT_PUBLIC_PUSHER_CLUSTER: "eu" }, "/auth")).toEqual({
      cluster: "eu",
      forceTLS: true,
      channelAuthorization: { endpoint: "/auth", transport: "ajax" },
    });
  });
});

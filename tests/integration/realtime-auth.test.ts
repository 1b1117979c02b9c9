import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import PusherJS, { type Channel, type PresenceChannel } from "pusher-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startPusherServer } from "@/dev/pusher/server";
import { pusherClientOptions } from "@/lib/realtime/pusher-config";

import type * as AppFixtures from "../helpers/app-fixtures";

// App modules are imported only after the env stubs below: the env module reads process.env once.
type Fixtures = typeof AppFixtures;
type RouteHandler = (request: Request, route: { params: Promise<never> }) => Promise<Response>;

describe("Pusher channel authorization through the app's auth route", () => {
  let stand: { port: number; close(): Promise<void> };
  let authServer: Server;
  let authUrl: string;
  let fixtures: Fixtures;
  let fixture: Awaited<ReturnType<Fixtures["createFixture"]>>;
  let trigger: (channel: string, event: string, data: unknown) => Promise<unknown>;
  const clients: PusherJS[] = [];

  beforeAll(async () => {
    const env = process.env;
    stand = await startPusherServer({ port: 0, apps: [{ id: env.PUSHER_APP_ID ?? "", key: env.PUSHER_KEY ?? "", secret: env.PUSHER_SECRET ?? "" }] });
    vi.stubEnv("PUSHER_HOST", "127.0.0.1");
    vi.stubEnv("PUSHER_PORT", String(stand.port));
    fixtures = await import("../helpers/app-fixtures");
    const { getDb } = await import("@/db");
    fixture = await fixtures.createFixture(await getDb());
    const { POST } = (await import("@/app/api/realtime/auth/route")) as { POST: RouteHandler };
    const { getPusher } = await import("@/lib/realtime/pusher-server");
    trigger = (channel, event, data) => {
      const pusher = getPusher();
      if (!pusher) throw new Error("pusher not configured");
      return pusher.trigger(channel, event, data);
    };
    // A plain HTTP front for the route handler, standing in for `next start`.
    authServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
        const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method, headers, body: Buffer.concat(chunks) });
        POST(request, { params: Promise.resolve({}) as Promise<never> })
          .then(async (response) => {
            res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "text/plain" });
            res.end(Buffer.from(await response.arrayBuffer()));
          })
          .catch(() => res.writeHead(500).end());
      });
    });
    await new Promise<void>((resolve) => authServer.listen(0, "127.0.0.1", resolve));
    authUrl = `http://127.0.0.1:${(authServer.address() as AddressInfo).port}/api/realtime/auth`;
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await new Promise<void>((resolve) => authServer.close(() => resolve()));
    await stand.close();
    vi.unstubAllEnvs();
  });

  async function clientAs(key: AppFixtures.FixtureUserKey): Promise<PusherJS> {
    const user = fixture.users[key];
    const cookie = await fixtures.sessionCookie(user);
    const options = pusherClientOptions(
      { NEXT_PUBLIC_PUSHER_KEY: process.env.PUSHER_KEY ?? "", NEXT_PUBLIC_PUSHER_HOST: "127.0.0.1", NEXT_PUBLIC_PUSHER_PORT: String(stand.port) },
      authUrl,
    );
    // Node's XHR shim drops Cookie (a forbidden header), so post the same form the browser would, with fetch.
    const client = new PusherJS(process.env.PUSHER_KEY ?? "", {
      ...options,
      channelAuthorization: {
        endpoint: authUrl,
        transport: "ajax",
        customHandler: ({ socketId, channelName }, callback) => {
          fetch(authUrl, {
            method: "POST",
            headers: { cookie, "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
            body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }).toString(),
          })
            .then(async (response) => {
              if (!response.ok) throw new Error(`auth answered ${response.status}`);
              callback(null, (await response.json()) as { auth: string });
            })
            .catch((error: Error) => callback(error, null));
        },
      },
    });
    clients.push(client);
    await new Promise<void>((resolve) => client.connection.bind("connected", () => resolve()));
    return client;
  }

  function outcome(client: PusherJS, name: string): Promise<{ ok: true; channel: Channel } | { ok: false; status: unknown }> {
    const channel = client.subscribe(name);
    return new Promise((resolve) => {
      channel.bind("pusher:subscription_succeeded", () => resolve({ ok: true, channel }));
      // With a custom handler pusher-js reports the handler's error message, which carries the route's status.
      channel.bind("pusher:subscription_error", (error: { error?: unknown }) =>
        resolve({ ok: false, status: Number(/answered (\d+)/.exec(String(error.error))?.[1]) }),
      );
    });
  }

  it("lets a user subscribe to their own channel and receive what the server sends", async () => {
    const client = await clientAs("landlord");
    const result = await outcome(client, `private-user-${fixture.users.landlord.id}`);
    if (!result.ok) throw new Error(`refused: ${String(result.status)}`);
    const received = new Promise<unknown>((resolve) => result.channel.bind("enquiry.status", resolve));
    await trigger(`private-user-${fixture.users.landlord.id}`, "enquiry.status", { status: "ready" });
    await expect(received).resolves.toEqual({ status: "ready" });
  });

  it("refuses a Landlord another user's channel and every organisation's managers channel, their own included, with 403", async () => {
    const client = await clientAs("landlord");
    expect(await outcome(client, `private-user-${fixture.users.manager.id}`)).toEqual({ ok: false, status: 403 });
    // A Landlord in an agency reads only their own enquiries: the managers channel carries everyone's.
    expect(await outcome(client, `private-org-${fixture.agencyId}-managers`)).toEqual({ ok: false, status: 403 });
    expect(await outcome(client, `private-org-${fixture.otherAgencyId}-managers`)).toEqual({ ok: false, status: 403 });
    // The old organisation-wide channel is nobody's any more.
    expect(await outcome(client, `private-org-${fixture.agencyId}`)).toEqual({ ok: false, status: 403 });
    expect(await outcome(client, "presence-agents")).toEqual({ ok: false, status: 403 });
    // A solo landlord is alone in their organisation but still a Landlord: their own channel is enough.
    const solo = await clientAs("solo");
    expect(await outcome(solo, `private-org-${fixture.users.solo.organisationId}-managers`)).toEqual({ ok: false, status: 403 });
  });

  it("allows an organisation's managers channel to its Property Manager only: not another agency's, not staff", async () => {
    const manager = await clientAs("manager");
    expect((await outcome(manager, `private-org-${fixture.agencyId}-managers`)).ok).toBe(true);
    expect(await outcome(manager, `private-org-${fixture.otherAgencyId}-managers`)).toEqual({ ok: false, status: 403 });
    expect(await outcome(manager, `private-org-${fixture.agencyId}`)).toEqual({ ok: false, status: 403 });
    const otherManager = await clientAs("otherManager");
    expect(await outcome(otherManager, `private-org-${fixture.agencyId}-managers`)).toEqual({ ok: false, status: 403 });
    for (const key of ["agent", "admin"] as const) {
      const staff = await clientAs(key);
      expect(await outcome(staff, `private-org-${fixture.agencyId}-managers`)).toEqual({ ok: false, status: 403 });
      expect(await outcome(staff, `private-org-${fixture.users[key].organisationId}-managers`)).toEqual({ ok: false, status: 403 });
    }
  });

  it("shows staff to each other on the agents' presence channel", async () => {
    const agent = await clientAs("agent");
    const joined = await outcome(agent, "presence-agents");
    if (!joined.ok) throw new Error("agent refused");
    const presence = joined.channel as PresenceChannel;
    expect(presence.members.count).toBe(1);
    const added = new Promise<{ id: string; info: { role: string } }>((resolve) => presence.bind("pusher:member_added", resolve));
    const admin = await clientAs("admin");
    expect((await outcome(admin, "presence-agents")).ok).toBe(true);
    await expect(added).resolves.toMatchObject({ id: fixture.users.admin.id, info: { role: "admin" } });
  });
});

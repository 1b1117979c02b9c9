import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import PusherJS, { type Channel } from "pusher-js";
import { vi } from "vitest";
import { startPusherServer } from "@/dev/pusher/server";
import { pusherClientOptions } from "@/lib/realtime/pusher-config";
import type * as AppFixtures from "./app-fixtures";
import type { RouteModule } from "./route-server";

/**
 * Pusher for support tests: the stand-in (dev/pusher/server.ts) on a free port with the app's env
 * pointed at it, the app's channel-auth route behind a plain HTTP front, and pusher-js clients that
 * sign in as fixture users exactly as the browser does (form post with the session cookie).
 */

export interface PusherStandIn {
  port: number;
  close(): Promise<void>;
}

/** Starts the stand-in and stubs PUSHER_HOST/PORT: call it before any app module is imported. */
export async function startPusherStandIn(): Promise<PusherStandIn> {
  const env = process.env;
  const stand = await startPusherServer({ port: 0, apps: [{ id: env.PUSHER_APP_ID ?? "", key: env.PUSHER_KEY ?? "", secret: env.PUSHER_SECRET ?? "" }] });
  vi.stubEnv("PUSHER_HOST", "127.0.0.1");
  vi.stubEnv("PUSHER_PORT", String(stand.port));
  return { port: stand.port, close: () => stand.close() };
}

export type Subscription = { ok: true; channel: Channel } | { ok: false; status: number };

export interface Realtime {
  /** A connected pusher-js client signed in as `user`. */
  connect(user: AppFixtures.FixtureUser): Promise<PusherJS>;
  /** Subscribes through the app's auth route: the channel, or the status the route refused with. */
  subscribe(client: PusherJS, channelName: string): Promise<Subscription>;
  /** Subscribes, failing the test when refused. */
  join(client: PusherJS, channelName: string): Promise<Channel>;
  close(): Promise<void>;
}

/** The app's /api/realtime/auth behind an HTTP front, and clients that use it. Import after the env stubs. */
export async function startRealtime(stand: PusherStandIn, fixtures: typeof AppFixtures): Promise<Realtime> {
  const route: RouteModule = await import("@/app/api/realtime/auth/route");
  const post = route.POST;
  if (!post) throw new Error("no channel auth handler");
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method, headers, body: Buffer.concat(chunks) });
      post(request, { params: Promise.resolve({}) as Promise<never> })
        .then(async (response) => {
          res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "text/plain" });
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const authUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/realtime/auth`;
  const clients: PusherJS[] = [];

  const realtime: Realtime = {
    async connect(user) {
      const cookie = await fixtures.sessionCookie(user);
      const key = process.env.PUSHER_KEY ?? "";
      const options = pusherClientOptions({ NEXT_PUBLIC_PUSHER_KEY: key, NEXT_PUBLIC_PUSHER_HOST: "127.0.0.1", NEXT_PUBLIC_PUSHER_PORT: String(stand.port) }, authUrl);
      // Node's XHR shim drops Cookie (a forbidden header): post the browser's form with fetch instead.
      const client = new PusherJS(key, {
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
                callback(null, (await response.json()) as { auth: string; channel_data?: string });
              })
              .catch((error: Error) => callback(error, null));
          },
        },
      });
      clients.push(client);
      await new Promise<void>((resolve) => client.connection.bind("connected", () => resolve()));
      return client;
    },
    subscribe(client, channelName) {
      const channel = client.subscribe(channelName);
      return new Promise((resolve) => {
        channel.bind("pusher:subscription_succeeded", () => resolve({ ok: true, channel }));
        channel.bind("pusher:subscription_error", (error: { error?: unknown }) => {
          client.unsubscribe(channelName);
          resolve({ ok: false, status: Number(/answered (\d+)/.exec(String(error.error))?.[1]) });
        });
      });
    },
    async join(client, channelName) {
      const result = await realtime.subscribe(client, channelName);
      if (!result.ok) throw new Error(`subscription to ${channelName} refused with ${result.status}`);
      return result.channel;
    },
    async close() {
      for (const client of clients) client.disconnect();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return realtime;
}

/** Everything one channel receives for one event, in order, with a way to wait for a matching one. */
export interface EventLog<T> {
  events: T[];
  next(predicate?: (event: T) => boolean, timeoutMs?: number): Promise<T>;
}

export function recordEvents<T>(channel: Channel, event: string): EventLog<T> {
  const events: T[] = [];
  const waiters: Array<{ predicate: (event: T) => boolean; resolve: (event: T) => void }> = [];
  channel.bind(event, (data: T) => {
    events.push(data);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(data)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(data);
      }
    }
  });
  return {
    events,
    next(predicate = () => true, timeoutMs = 5_000) {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise<T>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (data: T) => {
            clearTimeout(timer);
            resolve(data);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching ${event} on ${channel.name} within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
  };
}

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startInngestExecutor, type InngestExecutor } from "@/dev/inngest/executor";
import { startPusherServer } from "@/dev/pusher/server";
import { startUpstashShim } from "@/dev/upstash/server";

// No app module may be imported statically here: the env module must first see the stubs below.
type RouteHandler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
const getHealth = (handler: RouteHandler) => handler(new Request("http://localhost:3000/api/health"), { params: Promise.resolve({}) });

type Closable = { close(): Promise<void> };

describe("GET /api/health with every stand-in running", () => {
  let pusher: Closable & { port: number };
  let shim: Closable & { url: string };
  let executor: InngestExecutor;
  let GET: RouteHandler;

  beforeAll(async () => {
    const env = process.env;
    pusher = await startPusherServer({ port: 0, apps: [{ id: env.PUSHER_APP_ID ?? "", key: env.PUSHER_KEY ?? "", secret: env.PUSHER_SECRET ?? "" }] });
    shim = await startUpstashShim({ port: 0, token: env.UPSTASH_REDIS_REST_TOKEN ?? "" });
    executor = await startInngestExecutor({ port: 0, virtualTime: true });
    vi.stubEnv("PUSHER_HOST", "127.0.0.1");
    vi.stubEnv("PUSHER_PORT", String(pusher.port));
    vi.stubEnv("UPSTASH_REDIS_REST_URL", shim.url);
    vi.stubEnv("INNGEST_DEV", "1");
    vi.stubEnv("INNGEST_BASE_URL", executor.url);
    // The env module reads process.env once, so the route is imported only after the stubs.
    ({ GET } = (await import("@/app/api/health/route")) as { GET: RouteHandler });
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await executor.close();
    await shim.close();
  });

  it("answers 200 with every component up", async () => {
    const response = await getHealth(GET);
    const body = (await response.json()) as { status: string; components: Record<string, { status: string; detail?: string }> };
    expect(body.components).toMatchObject({
      database: { status: "up", detail: "pglite" },
      inngest: { status: "up" },
      pusher: { status: "up" },
      rateLimit: { status: "up", detail: "upstash" },
    });
    expect(response.status).toBe(200);
    expect(body.status).toBe("ok");
  });

  it("answers 503 and names the component that is down", async () => {
    await pusher.close();
    const response = await getHealth(GET);
    const body = (await response.json()) as { status: string; components: Record<string, { status: string }> };
    expect(response.status).toBe(503);
    expect(body.status).toBe("degraded");
    expect(body.components.pusher?.status).toBe("down");
    expect(body.components.database?.status).toBe("up");
  });
});

import { vi } from "vitest";
import { startInngestExecutor, type InngestExecutor } from "@/dev/inngest/executor";
import { startTpnSandbox } from "@/dev/tpn/server";
import type { Database } from "@/db/client";
import type * as AppFixtures from "./app-fixtures";
import { serveRoutes, type RouteModule } from "./route-server";

export interface WorkflowHarness {
  executor: InngestExecutor;
  sandbox: Awaited<ReturnType<typeof startTpnSandbox>>;
  fixtures: typeof AppFixtures;
  fixture: AppFixtures.Fixture;
  db: Database;
  /** Base URL of the HTTP front serving /api/inngest (and any extra routes). */
  appUrl: string;
  /** Calls a route handler module's method as `user` (or anonymously). */
  call(route: RouteModule, method: keyof RouteModule, path: string, options?: { user?: AppFixtures.FixtureUser; body?: unknown; params?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

const TPN_KEY = "tpn-workflow-test-key";

export interface WorkflowHarnessOptions {
  /** More env stubs, applied before any app module is imported. */
  env?: Record<string, string>;
  /** More routes served next to /api/inngest; called after the env stubs, so it may import app modules. */
  routes?: () => Promise<Record<string, RouteModule>>;
}

/**
 * The whole back end of an enquiry in one process: the TPN sandbox, the Inngest executor (virtual
 * time) driving the app's real functions over HTTP, and the app's env pointed at both. App modules
 * must be imported through `load` (after the env stubs), because the env module reads process.env once.
 */
export async function startWorkflowHarness(options: WorkflowHarnessOptions = {}): Promise<WorkflowHarness> {
  const sandbox = await startTpnSandbox({ port: 0, apiKey: TPN_KEY, latencyMs: [0, 0] });
  const executor = await startInngestExecutor({ port: 0, virtualTime: true });
  vi.stubEnv("INNGEST_DEV", "1");
  vi.stubEnv("INNGEST_BASE_URL", executor.url);
  vi.stubEnv("TPN_API_URL", sandbox.url);
  vi.stubEnv("TPN_API_KEY", TPN_KEY);
  for (const [name, value] of Object.entries(options.env ?? {})) vi.stubEnv(name, value);
  const fixtures = await import("./app-fixtures");
  const db = await (await import("@/db")).getDb();
  const fixture = await fixtures.createFixture(db);
  const inngestRoute = (await import("@/app/api/inngest/route")) as unknown as RouteModule;
  const app = await serveRoutes({ ...(await options.routes?.()), "/api/inngest": inngestRoute });
  if (!(await executor.registerApp(`${app.url}/api/inngest`))) throw new Error("the executor could not sync the app");
  return {
    executor,
    sandbox,
    fixtures,
    fixture,
    db,
    appUrl: app.url,
    async call(route, method, path, options = {}) {
      const handler = route[method];
      if (!handler) throw new Error(`no ${method} handler for ${path}`);
      const cookie = options.user ? await fixtures.sessionCookie(options.user) : undefined;
      return fixtures.callRoute(handler, fixtures.apiRequest(path, { method, cookie, body: options.body }), options.params ?? {});
    },
    async close() {
      await app.close();
      await executor.close();
      await sandbox.close();
      vi.unstubAllEnvs();
    },
  };
}

/**
 * Test harness for the local Inngest executor: a plain node http server that serves functions
 * through the real SDK's `inngest/node` serve handler, plus an executor (virtual time) synced to it.
 *
 *   const h = await startInngestHarness();
 *   const inngest = new Inngest({ id: "test-app", isDev: true, baseUrl: h.executor.url, logger: silentSdkLogger });
 *   await h.serve(inngest, [fnA, fnB]);
 *   await inngest.send({ name: "app/x", data: {} });
 *   await h.executor.waitForIdle();
 */
import http from "node:http";
import type { Inngest, InngestFunction } from "inngest";
import { serve } from "inngest/node";
import {
  type InngestExecutor,
  type InngestExecutorOptions,
  type RunRecord,
  startInngestExecutor,
} from "@/dev/inngest/executor";

/** Keeps the SDK's own console logging (step errors we provoke on purpose) out of test output. */
export const silentSdkLogger = { info() {}, warn() {}, error() {}, debug() {} };

export interface InngestHarness {
  executor: InngestExecutor;
  appUrl: string;
  /** Serve these functions from the app and (unless `sync: false`) sync them to the executor now. */
  serve(client: Inngest.Any, functions: InngestFunction.Any[], options?: { sync?: boolean }): Promise<void>;
  /** Runs of one function (full id, e.g. "test-app-hello"), oldest first. */
  runsOf(functionId: string): RunRecord[];
  /** Polls run history until `predicate` holds (for states reached without going idle). */
  until(predicate: (runs: RunRecord[]) => boolean, timeoutMs?: number): Promise<RunRecord[]>;
  close(): Promise<void>;
}

export async function startInngestHarness(
  options: Pick<InngestExecutorOptions, "virtualTime" | "syncIntervalMs" | "logger"> = {},
): Promise<InngestHarness> {
  let handler: http.RequestListener | undefined;
  const app = http.createServer((req, res) => {
    if (handler && (req.url ?? "").startsWith("/api/inngest")) return handler(req, res);
    res.writeHead(handler ? 404 : 503, { "content-type": "application/json" });
    res.end(JSON.stringify({ message: handler ? "not found" : "app not ready" }));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const address = app.address();
  if (address === null || typeof address === "string") throw new Error("no app address");
  const appUrl = `http://127.0.0.1:${address.port}`;

  const executor = await startInngestExecutor({
    virtualTime: options.virtualTime ?? true,
    appUrls: [appUrl],
    syncIntervalMs: options.syncIntervalMs ?? 0,
    logLevel: "silent",
    ...(options.logger ? { logger: options.logger } : {}),
  });

  return {
    executor,
    appUrl,
    async serve(client, functions, serveOptions) {
      handler = serve({ client, functions });
      if (serveOptions?.sync === false) return;
      const synced = await executor.registerApp(appUrl);
      if (!synced) throw new Error("app did not sync with the executor");
    },
    runsOf: (functionId) => executor.runs().filter((r) => r.functionId === functionId),
    async until(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const runs = executor.runs();
        if (predicate(runs)) return runs;
        if (Date.now() > deadline) throw new Error("condition not reached in time");
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close() {
      await executor.close();
      app.closeAllConnections();
      await new Promise<void>((resolve) => app.close(() => resolve()));
    },
  };
}

/**
 * Local Inngest executor: a small stand-in for the Inngest dev server that the real `inngest` SDK
 * talks to unchanged. Point the app at it with `INNGEST_DEV=1` and
 * `INNGEST_BASE_URL=http://127.0.0.1:<port>`; see README.md in this folder for what is supported.
 *
 *   const executor = await startInngestExecutor({ appUrls: ["http://localhost:3000"] });
 *   ...
 *   await executor.close();
 */
import { Activity, type Clock, RealClock, type TimerKind, VirtualClock } from "./clock";
import { parseDuration } from "./duration";
import { EventIngestor, type EventRecord } from "./events";
import { FlowControl } from "./flow-control";
import { renderHistoryHtml, RunHistory, type RunRecord } from "./history";
import { createLogger, type Logger, type LogLevelSetting, parseLogLevel } from "./logger";
import { FunctionRegistry } from "./registry";
import { Runner } from "./runner";
import { CronScheduler } from "./scheduler";
import { createExecutorServer } from "./server";
import { AppSyncer } from "./sync";
import { WaitRegistry } from "./waits";

export type { EventRecord } from "./events";
export type { RunRecord, RunStatus, StepRecord } from "./history";

export interface InngestExecutorOptions {
  /** Port to listen on; 0 (default) picks a free one. The CLI defaults to 8288. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** App base URLs (e.g. http://localhost:3000) or serve endpoints; `/api/inngest` is appended to bare origins. */
  appUrls?: string[];
  /** Tests: sleeps, retry backoff and throttle windows take no real time (see clock.ts). */
  virtualTime?: boolean;
  /** Virtual clock start (epoch ms); default Date.now(). */
  startTime?: number;
  /** How often apps are re-synced (ms, real time); default 5000, 0 disables periodic syncing. */
  syncIntervalMs?: number;
  /** Default: LOG_LEVEL / INNGEST_EXECUTOR_LOG_LEVEL env, else "info". */
  logLevel?: LogLevelSetting;
  /** Replace the stdout logger (e.g. to capture lines in tests). */
  logger?: Logger;
}

export interface InngestExecutor {
  /** Base URL, e.g. http://127.0.0.1:8288 — use as INNGEST_BASE_URL / the client's `baseUrl`. */
  readonly url: string;
  readonly port: number;
  readonly virtualTime: boolean;
  close(): Promise<void>;
  /** Adds an app and syncs it now; resolves true once its serve handler accepted the sync. */
  registerApp(url: string): Promise<boolean>;
  /**
   * Resolves once nothing is running or queued and no retry backoff / throttle wait is pending
   * (under virtual time also no sleep). Runs parked on waitForEvent / invoke count as idle.
   */
  waitForIdle(timeoutMs?: number): Promise<void>;
  /** Run history, oldest first (snapshots). */
  runs(): RunRecord[];
  run(id: string): RunRecord | undefined;
  events(): EventRecord[];
  functions(): { id: string; name: string; appId: string }[];
  /** Clock time in epoch ms (virtual under `virtualTime`). */
  now(): number;
  /** Virtual time only: move the clock forward (ms or "1h30m"), firing wait timeouts and cron ticks. */
  advanceTime(by: number | string): Promise<void>;
}

export async function startInngestExecutor(options: InngestExecutorOptions = {}): Promise<InngestExecutor> {
  const logger =
    options.logger ??
    createLogger({
      level:
        options.logLevel ??
        parseLogLevel(process.env.INNGEST_EXECUTOR_LOG_LEVEL) ??
        parseLogLevel(process.env.LOG_LEVEL) ??
        "info",
    });
  const activity = new Activity();
  const clock: Clock = options.virtualTime
    ? new VirtualClock(options.startTime ?? Date.now(), activity)
    : new RealClock(activity);
  const registry = new FunctionRegistry();
  const history = new RunHistory();
  const waits = new WaitRegistry(logger);
  const flow = new FlowControl(clock, logger);
  let closed = false;

  // Runner and event intake need each other (runs emit events, events start runs).
  const ingestor = new EventIngestor({ clock, registry, waits, logger, runner: () => runner });
  const runner: Runner = new Runner({
    clock,
    activity,
    registry,
    flow,
    waits,
    history,
    logger,
    emit: (event, emitOptions) => ingestor.emit(event, emitOptions),
  });

  const cron = new CronScheduler(clock, registry, logger, (fnId, expression, minute) =>
    ingestor.cron(fnId, expression, minute),
  );
  registry.onChange(() => cron.refresh());

  const syncer = new AppSyncer(logger, options.syncIntervalMs ?? 5_000);
  const server = createExecutorServer(
    {
      ingest: (events, seed) => ingestor.ingest(events, seed),
      register: (request) => {
        const { modified, unsupported } = registry.register(request, clock.now());
        if (modified) {
          logger.info("app.registered", { app_id: request.appName, functions: request.functions.length });
          for (const option of unsupported) logger.warn("function.option_ignored", { option });
        }
        return { modified };
      },
      runsJson: () => ({ now: clock.now(), virtualTime: clock.virtual, runs: history.list() }),
      runJson: (id) => history.get(id),
      eventsJson: () => ({ events: ingestor.list() }),
      appsJson: () => ({
        apps: registry.listApps().map(({ hash: _hash, ...app }) => app),
        functions: registry.all().map((fn) => ({ id: fn.id, name: fn.name, appId: fn.appId, triggers: fn.config.triggers })),
        sync: syncer.states(),
      }),
      html: () =>
        renderHistoryHtml(history.list(), {
          now: clock.now(),
          virtual: clock.virtual,
          apps: registry.listApps().map((a) => a.id),
        }),
    },
    activity,
    logger,
  );

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("executor server has no TCP address");
  const displayHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${displayHost === "0.0.0.0" || displayHost === "[::]" ? "127.0.0.1" : displayHost}:${address.port}`;
  logger.info("executor.listening", { url, virtual_time: clock.virtual });

  // Wait briefly for the first sync so tests see registered functions; a slow app keeps syncing.
  const initial = (options.appUrls ?? []).map((appUrl) => syncer.add(appUrl));
  await Promise.race([Promise.all(initial), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);

  const idleKinds: readonly TimerKind[] = clock.virtual ? ["internal", "sleep"] : ["internal"];

  return {
    url,
    port: address.port,
    virtualTime: clock.virtual,
    async close() {
      if (closed) return;
      closed = true;
      syncer.close();
      cron.close();
      runner.shutdown();
      clock.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      logger.info("executor.closed");
    },
    registerApp: (appUrl) => syncer.add(appUrl),
    async waitForIdle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await activity.settled(() => closed);
        if (closed) return;
        if (activity.count === 0 && clock.pending(idleKinds) === 0) return;
        if (Date.now() > deadline) {
          throw new Error(
            `waitForIdle timed out after ${timeoutMs}ms (${activity.count} busy, ${clock.pending(idleKinds)} timers pending)`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    runs: () => history.list(),
    run: (id) => history.get(id),
    events: () => ingestor.list(),
    functions: () => registry.all().map((fn) => ({ id: fn.id, name: fn.name, appId: fn.appId })),
    now: () => clock.now(),
    async advanceTime(by) {
      const ms = typeof by === "number" ? by : parseDuration(by);
      if (ms === undefined) throw new Error(`invalid duration "${String(by)}"`);
      await clock.advanceBy(ms);
    },
  };
}

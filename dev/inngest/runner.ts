/**
 * The run loop: drives one function run over the SDK's step protocol until it completes or fails.
 *
 * Each iteration POSTs the run's memoised state to the app with `stepId=step` ("discovery"). The
 * SDK answers (InngestCommHandler.ts resultHandlers, execution/engine.ts):
 * - 200 → the function returned: run completed (also `RunComplete` op inside a 206).
 * - 206 [op, ...] → new steps to handle (ops.ts). A single `step.run` is usually executed at once by
 *   the SDK ("immediate execution", engine.ts getEarlyExecRunStep) and comes back as `StepRun`;
 *   parallel steps come back as several `StepPlanned` ops, each then requested with its own
 *   `stepId`. Once a run has shown parallelism we send `disable_immediate_execution: true` (as
 *   Inngest does) so a rediscovery never re-runs a step that is still in flight elsewhere. All ops
 *   of a batch finish before the next discovery, except ops marked `opts.parallelMode: "race"`
 *   (group.parallel race mode), where the first to finish triggers it.
 * - 500 + `x-inngest-no-retry: false` → retriable function-level error: retried with backoff up to
 *   `retries + 1` attempts; 400 + `x-inngest-no-retry: true` (NonRetriableError, uncaught step
 *   error, last attempt) → run failed.
 * The attempt counter resets whenever a step completes (Inngest retries per queue item).
 * A failed run emits `inngest/function.failed` ({ function_id, run_id, error, event }: types.ts
 * FailureEventPayload), which triggers the `${id}-failure` onFailure function.
 */
import { type AppResponse, callApp, type MemoStep } from "./app-client";
import type { Activity, Clock, TimerKind } from "./clock";
import { resolveDeadline } from "./duration";
import type { FlowControl } from "./flow-control";
import type { RunHistory, RunRecord, StepRecord } from "./history";
import { ulid } from "./ids";
import type { Logger } from "./logger";
import { handleOp } from "./ops";
import type { FunctionRegistry, RegisteredFunction } from "./registry";
import { type OutgoingOp, type SerializedError, toSerializedError } from "./schemas";
import { eventNameMatches, safeMatch, type StoredEvent } from "./triggers";
import type { WaitRegistry } from "./waits";

/** sha1("complete"): id of the terminal op the SDK sends with lazy ops (engine.ts RUN_COMPLETE_STEP_ID). */
const RUN_COMPLETE_OP_ID = "0737c22d3bfae812339732d14d8c7dbd6dc4e09c";
const MAX_REQUESTS_PER_RUN = 5_000;
const MAX_STALLS = 5;
export const CANCELLED = Symbol("cancelled");
const LIFECYCLE_EVENTS = ["inngest/function.failed", "inngest/function.finished", "inngest/function.cancelled"];

export type RunOutcome = { ok: true; output: unknown } | { ok: false; error: SerializedError };

export interface Run {
  record: RunRecord;
  fn: RegisteredFunction;
  event: StoredEvent;
  steps: Record<string, MemoStep>;
  stack: string[];
  defers: Record<string, Record<string, never>>;
  version: number;
  disableImmediate: boolean;
  inFlight: Map<string, Promise<void>>;
  abort: AbortController;
  cancelled: Promise<typeof CANCELLED>;
  cleanups: Set<() => void>;
  over: boolean;
  done: Promise<RunOutcome>;
  resolveDone: (outcome: RunOutcome) => void;
}

export interface InternalEvent {
  name: string;
  data: Record<string, unknown>;
  v?: string;
}

export interface RunnerDeps {
  clock: Clock;
  activity: Activity;
  registry: FunctionRegistry;
  flow: FlowControl;
  waits: WaitRegistry;
  history: RunHistory;
  logger: Logger;
  /** Ingest an internal event (function.failed / finished / cancelled / invoked bookkeeping). */
  emit: (event: InternalEvent, options?: { broadcast?: boolean }) => StoredEvent;
}

function backoffMs(attempt: number): number {
  return Math.min(1_000 * 2 ** attempt, 60_000) + Math.floor(Math.random() * 250);
}

export class Runner {
  private readonly active = new Map<string, Run>();

  constructor(readonly deps: RunnerDeps) {}

  activeRuns(): number {
    return this.active.size;
  }

  /** Creates a run (or a skipped record) and starts driving it. */
  start(fn: RegisteredFunction, event: StoredEvent, trigger: RunRecord["trigger"], parentRunId?: string): Run {
    const { clock, history, logger, flow, activity } = this.deps;
    const now = clock.now();
    const record = history.add({
      id: ulid(now),
      functionId: fn.id,
      functionName: fn.name,
      appId: fn.appId,
      trigger,
      event: { id: event.id, name: event.name },
      ...(parentRunId ? { parentRunId } : {}),
      status: "queued",
      queuedAt: now,
      requests: 0,
      attempts: 0,
      steps: [],
    });
    let resolveDone: (outcome: RunOutcome) => void = () => undefined;
    const done = new Promise<RunOutcome>((resolve) => (resolveDone = resolve));
    const abort = new AbortController();
    const cancelled = new Promise<typeof CANCELLED>((resolve) =>
      abort.signal.addEventListener("abort", () => resolve(CANCELLED), { once: true }),
    );
    const run: Run = {
      record,
      fn,
      event,
      steps: {},
      stack: [],
      defers: {},
      version: -1,
      disableImmediate: false,
      inFlight: new Map(),
      abort,
      cancelled,
      cleanups: new Set(),
      over: false,
      done,
      resolveDone,
    };
    const skip = flow.admit(fn, event);
    if (skip) {
      record.status = "skipped";
      record.skippedReason = skip;
      record.endedAt = now;
      run.over = true;
      resolveDone({ ok: false, error: { name: "RunSkippedError", message: `run skipped (${skip})` } });
      logger.info("run.skipped", { run_id: record.id, function_id: fn.id, reason: skip });
      return run;
    }
    this.active.set(record.id, run);
    logger.info("run.queued", { run_id: record.id, function_id: fn.id, event_name: event.name, trigger });
    void activity
      .track(() => this.execute(run))
      .catch((err: unknown) => {
        logger.error("run.executor_error", { run_id: record.id, reason: err instanceof Error ? err.message : "error" });
        this.fail(run, { name: "ExecutorError", message: "the local executor crashed while driving this run" });
      });
    return run;
  }

  /** `cancelOn`: cancels active runs whose cancel rules match `event`. */
  cancelMatching(event: StoredEvent): void {
    const now = this.deps.clock.now();
    for (const run of [...this.active.values()]) {
      if (run.event.id === event.id) continue;
      const rules = this.deps.registry.get(run.fn.id)?.config.cancel ?? run.fn.config.cancel ?? [];
      const hit = rules.some((rule) => {
        if (!eventNameMatches(rule.event, event.name)) return false;
        const deadline = rule.timeout ? resolveDeadline(rule.timeout, run.record.queuedAt) : undefined;
        if (deadline !== undefined && now > deadline) return false;
        return (
          rule.if === undefined ||
          safeMatch(rule.if, { event: run.event, async: event }, this.deps.logger, `cancel:${run.fn.id}`)
        );
      });
      if (hit) this.cancel(run);
    }
  }

  // ---- helpers shared with ops.ts -------------------------------------------------------------

  isOver(run: Run): boolean {
    return run.over;
  }

  maxAttempts(run: Run): number {
    return (this.deps.registry.get(run.fn.id)?.retries ?? run.fn.retries) + 1;
  }

  /** Awaits `promise` as idle time; resolves to CANCELLED if the run is cancelled meanwhile. */
  park<T>(run: Run, promise: Promise<T>): Promise<T | typeof CANCELLED> {
    return this.deps.activity.park(Promise.race([promise, run.cancelled]));
  }

  /** Sleeps until `at` (clock time). Returns false if the run was cancelled meanwhile. */
  async sleepUntil(run: Run, at: number, kind: TimerKind): Promise<boolean> {
    let cancelTimer: () => void = () => undefined;
    const woke = new Promise<void>((resolve) => {
      cancelTimer = this.deps.clock.schedule(at, kind, resolve);
    });
    run.cleanups.add(cancelTimer);
    const result = await this.park(run, woke);
    run.cleanups.delete(cancelTimer);
    return result !== CANCELLED;
  }

  async backoff(run: Run, attempt: number, retryAfterMs: number | undefined): Promise<boolean> {
    const delay = retryAfterMs ?? backoffMs(attempt);
    return this.sleepUntil(run, this.deps.clock.now() + delay, "internal");
  }

  /** Run status while active, derived from its open steps: running > waiting > sleeping. */
  syncStatus(run: Run): void {
    if (run.over) return;
    const open = run.record.steps.filter((s) => s.endedAt === undefined).map((s) => s.status);
    if (open.includes("running") || open.length === 0) run.record.status = "running";
    else run.record.status = open.includes("waiting") ? "waiting" : "sleeping";
  }

  memo(run: Run, id: string, value: MemoStep): void {
    if (run.steps[id] !== undefined) return;
    run.steps[id] = value;
    run.stack.push(id);
  }

  stepRecord(run: Run, op: OutgoingOp): StepRecord {
    const existing = run.record.steps.find((s) => s.id === op.id);
    if (existing) return existing;
    const family = ["StepPlanned", "StepRun", "StepError", "StepFailed"].includes(op.op);
    const step: StepRecord = {
      id: op.id,
      name: op.displayName ?? op.userland?.id ?? op.name ?? op.id,
      op: family ? "StepRun" : op.op,
      status: "running",
      attempts: 0,
      startedAt: this.deps.clock.now(),
    };
    run.record.steps.push(step);
    return step;
  }

  /** One request to the app, holding the function's concurrency slot(s) while it runs. */
  async request(run: Run, stepId: string, attempt: number): Promise<AppResponse> {
    const { flow, clock, registry, activity, logger } = this.deps;
    const release = await flow.acquire(run.fn, run.event, (p) => activity.park(p));
    try {
      if (run.over) {
        return {
          kind: "error",
          error: { name: "RunOverError", message: "run already finished" },
          retriable: false,
          retryAfterMs: undefined,
          status: 0,
          version: undefined,
        };
      }
      const fn = registry.get(run.fn.id) ?? run.fn;
      run.record.requests += 1;
      if (run.record.requests > MAX_REQUESTS_PER_RUN) {
        throw new Error("request limit per run exceeded");
      }
      logger.debug("run.request", { run_id: run.record.id, function_id: fn.id, step_id: stepId, attempt });
      const response = await callApp({
        url: fn.stepUrl,
        fnId: fn.id,
        stepId,
        version: run.version,
        event: run.event,
        events: [run.event],
        steps: { ...run.steps },
        defers: { ...run.defers },
        runId: run.record.id,
        attempt,
        maxAttempts: this.maxAttempts(run),
        disableImmediateExecution: run.disableImmediate,
        stack: [...run.stack],
        now: clock.now(),
        signal: run.abort.signal,
      });
      if (response.version !== undefined) {
        run.version = response.version;
        run.record.sdkVersion = response.version;
      }
      return response;
    } finally {
      release();
    }
  }

  // ---- the loop -------------------------------------------------------------------------------

  private async execute(run: Run): Promise<void> {
    const { flow, clock, logger } = this.deps;
    const throttled = flow.waitForThrottle(run.fn, run.event);
    if (throttled && (await this.park(run, throttled)) === CANCELLED) return;
    if (run.over) return;
    run.record.status = "running";
    run.record.startedAt = clock.now();
    logger.info("run.started", { run_id: run.record.id, function_id: run.fn.id });

    let attempt = 0;
    let stalls = 0;
    for (;;) {
      if (run.over) return;
      const response = await this.request(run, "step", attempt);
      if (run.over) return;
      run.record.attempts = attempt + 1;

      let failure: { error: SerializedError; retriable: boolean; retryAfterMs: number | undefined } | undefined;
      if (response.kind === "complete") return this.complete(run, response.data);
      if (response.kind === "error") {
        failure = response;
      } else {
        const complete = response.ops.find((op) => op.op === "RunComplete");
        if (complete) return this.complete(run, complete.data ?? null);
        const terminal = response.ops.find(
          (op) => op.id === RUN_COMPLETE_OP_ID && (op.op === "StepError" || op.op === "StepFailed"),
        );
        if (terminal) {
          failure = {
            error: toSerializedError(terminal.error, "Unknown error"),
            retriable: terminal.op === "StepError" && response.retriable,
            retryAfterMs: response.retryAfterMs,
          };
        }
      }

      if (failure) {
        if (failure.retriable && attempt + 1 < this.maxAttempts(run)) {
          logger.info("run.retry", { run_id: run.record.id, function_id: run.fn.id, attempt: attempt + 1 });
          if (!(await this.backoff(run, attempt, failure.retryAfterMs))) return;
          attempt += 1;
          continue;
        }
        return this.fail(run, failure.error);
      }
      if (response.kind !== "ops") return;

      const fresh = response.ops.filter((op) => run.steps[op.id] === undefined && !run.inFlight.has(op.id));
      if (response.ops.length > 1) run.disableImmediate = true;
      stalls = fresh.length === 0 && run.inFlight.size === 0 ? stalls + 1 : 0;
      if (stalls > MAX_STALLS) {
        return this.fail(run, { name: "ExecutorError", message: "the SDK keeps reporting only steps that already ran" });
      }
      const context = { retriable: response.retriable, retryAfterMs: response.retryAfterMs, attempt };
      attempt = 0;
      for (const op of fresh) {
        const task = this.deps.activity
          .track(() => handleOp(this, run, op, context))
          .finally(() => run.inFlight.delete(op.id));
        run.inFlight.set(op.id, task);
      }
      if (run.inFlight.size === 0) continue;
      const race = response.ops.some((op) => op.opts?.parallelMode === "race");
      const pending = [...run.inFlight.values()];
      const settled: Promise<unknown> = race ? Promise.race(pending) : Promise.all(pending);
      this.syncStatus(run);
      if ((await this.park(run, settled)) === CANCELLED) return;
    }
  }

  private finish(run: Run): void {
    run.over = true;
    run.record.endedAt = this.deps.clock.now();
    for (const cleanup of run.cleanups) cleanup();
    run.cleanups.clear();
    this.active.delete(run.record.id);
  }

  /** Runs started by a lifecycle event don't emit lifecycle events themselves (no feedback loops). */
  private isLifecycleRun(run: Run): boolean {
    return LIFECYCLE_EVENTS.includes(run.event.name);
  }

  /** Executor shutdown: stop every active run without emitting events. */
  shutdown(): void {
    for (const run of [...this.active.values()]) {
      this.finish(run);
      run.abort.abort();
    }
  }

  complete(run: Run, output: unknown): void {
    if (run.over) return;
    run.record.status = "completed";
    run.record.output = output;
    this.finish(run);
    this.deps.logger.info("run.completed", {
      run_id: run.record.id,
      function_id: run.fn.id,
      duration_ms: (run.record.endedAt ?? 0) - (run.record.startedAt ?? run.record.queuedAt),
    });
    run.resolveDone({ ok: true, output });
    if (!this.isLifecycleRun(run)) {
      this.deps.emit({
        name: "inngest/function.finished",
        data: { function_id: run.fn.id, run_id: run.record.id, result: output, event: run.event },
      });
    }
  }

  fail(run: Run, error: SerializedError): void {
    if (run.over) return;
    run.record.status = "failed";
    run.record.error = error;
    this.finish(run);
    this.deps.logger.warn("run.failed", { run_id: run.record.id, function_id: run.fn.id, error_name: error.name });
    run.resolveDone({ ok: false, error });
    if (!this.isLifecycleRun(run)) {
      const data = { function_id: run.fn.id, run_id: run.record.id, error, event: run.event };
      this.deps.emit({ name: "inngest/function.failed", data });
      this.deps.emit({ name: "inngest/function.finished", data });
    }
  }

  cancel(run: Run): void {
    if (run.over) return;
    run.record.status = "cancelled";
    this.finish(run);
    run.abort.abort();
    this.deps.logger.info("run.cancelled", { run_id: run.record.id, function_id: run.fn.id });
    run.resolveDone({ ok: false, error: { name: "FunctionCancelledError", message: "run was cancelled" } });
    this.deps.emit({
      name: "inngest/function.cancelled",
      data: { function_id: run.fn.id, run_id: run.record.id, event: run.event },
    });
  }
}

/**
 * Handling of the ops an SDK reports in a 206 response (types.ts `StepOpCode`; shapes from
 * InngestStepTools.ts). Every handler ends by memoising a result under the op's hashed id, which
 * the next request sends back in `steps`:
 * - StepRun     (a step the SDK already executed)        → `{ type: "data", data }`
 * - StepError   (it threw; retriable)                     → retried via `stepId=<id>` with backoff
 * - StepFailed  (final: NonRetriableError / last attempt) → `{ type: "error", error }`
 * - StepPlanned (step.run / step.sendEvent not yet run)   → requested with `stepId=<id>`
 * - Sleep       (`name` = "1h30m" or an ISO time)         → `data: null` once the time is reached
 * - WaitForEvent (`name` = event, `opts: { timeout, if }`) → matching event, or `null` on timeout
 * - InvokeFunction (`opts: { function_id, payload, timeout }`) → the child run's output / error;
 *   the child receives `inngest/function.invoked` with `data = payload.data`.
 * - DeferAdd / DeferAbort (`defer()`, lazy ops) → acknowledged via `defers` so they aren't resent;
 *   deferred functions themselves are not run by this stand-in.
 * Anything else (AIGateway, Gateway, WaitForSignal...) is memoised as an error so the run fails
 * visibly instead of hanging.
 */
import { resolveDeadline } from "./duration";
import { CANCELLED, type Run, type Runner } from "./runner";
import { invokeOptsSchema, type OutgoingOp, type SerializedError, toSerializedError, waitForEventOptsSchema } from "./schemas";
import type { StoredEvent } from "./triggers";

/** What the batch's response said, and the attempt number of the request that produced it. */
export interface OpContext {
  retriable: boolean;
  retryAfterMs: number | undefined;
  attempt: number;
}

function errorSummary(error: SerializedError): { name: string; message: string } {
  return { name: error.name, message: error.message.slice(0, 500) };
}

export async function handleOp(runner: Runner, run: Run, op: OutgoingOp, context: OpContext): Promise<void> {
  switch (op.op) {
    case "StepRun": {
      const step = runner.stepRecord(run, op);
      step.attempts += 1;
      step.status = "completed";
      step.endedAt = runner.deps.clock.now();
      runner.memo(run, op.id, { type: "data", data: op.data ?? null });
      return;
    }
    case "StepFailed": {
      const step = runner.stepRecord(run, op);
      const error = toSerializedError(op.error, "step failed");
      step.attempts += 1;
      failStep(runner, run, op, error);
      return;
    }
    case "StepError": {
      // Executed immediately inside a discovery request and threw: retry it by id.
      const step = runner.stepRecord(run, op);
      step.attempts += 1;
      const error = toSerializedError(op.error, "step errored");
      step.error = errorSummary(error);
      const next = context.attempt + 1;
      if (!context.retriable || next >= runner.maxAttempts(run)) return failStep(runner, run, op, error);
      if (!(await runner.backoff(run, context.attempt, context.retryAfterMs))) return;
      return runStep(runner, run, op, next);
    }
    case "StepPlanned":
      return runStep(runner, run, op, 0);
    case "Sleep":
      return sleep(runner, run, op);
    case "WaitForEvent":
      return waitForEvent(runner, run, op);
    case "InvokeFunction":
      return invoke(runner, run, op);
    case "DeferAdd":
    case "DeferAbort":
      run.defers[op.id] = {};
      runner.deps.logger.warn("op.defer_ignored", { run_id: run.record.id, op: op.op });
      return;
    default: {
      runner.deps.logger.warn("op.unsupported", { run_id: run.record.id, op: op.op });
      runner.stepRecord(run, op);
      failStep(runner, run, op, {
        name: "UnsupportedOperationError",
        message: `the local Inngest executor does not support the "${op.op}" operation`,
      });
    }
  }
}

function failStep(runner: Runner, run: Run, op: OutgoingOp, error: SerializedError): void {
  const step = runner.stepRecord(run, op);
  step.status = "failed";
  step.error = errorSummary(error);
  step.endedAt = runner.deps.clock.now();
  runner.memo(run, op.id, { type: "error", error });
}

/** Requests one step by id until it succeeds, fails for good, or runs out of attempts. */
async function runStep(runner: Runner, run: Run, op: OutgoingOp, firstAttempt: number): Promise<void> {
  const step = runner.stepRecord(run, op);
  if (op.opts?.type === "step.sendEvent") step.name = `${step.name} (sendEvent)`;
  for (let attempt = firstAttempt; ; attempt += 1) {
    if (runner.isOver(run)) return;
    step.status = "running";
    step.attempts += 1;
    const response = await runner.request(run, op.id, attempt);
    if (runner.isOver(run)) return;
    let error: SerializedError;
    let retriable: boolean;
    let retryAfterMs: number | undefined;
    if (response.kind === "ops") {
      const result = response.ops.find((o) => o.id === op.id) ?? response.ops[0];
      if (result?.op === "StepRun") {
        step.status = "completed";
        step.endedAt = runner.deps.clock.now();
        runner.memo(run, op.id, { type: "data", data: result.data ?? null });
        return;
      }
      if (result?.op === "StepFailed") return failStep(runner, run, op, toSerializedError(result.error, "step failed"));
      error =
        result?.op === "StepError"
          ? toSerializedError(result.error, "step errored")
          : { name: "ExecutorError", message: `unexpected "${result?.op ?? "empty"}" answer to a step request` };
      retriable = response.retriable;
      retryAfterMs = response.retryAfterMs;
    } else if (response.kind === "error") {
      ({ error, retriable, retryAfterMs } = response);
    } else {
      error = { name: "ExecutorError", message: "the function returned instead of running the requested step" };
      retriable = true;
      retryAfterMs = undefined;
    }
    step.error = errorSummary(error);
    if (!retriable || attempt + 1 >= runner.maxAttempts(run)) return failStep(runner, run, op, error);
    runner.deps.logger.info("step.retry", { run_id: run.record.id, step_id: op.id, attempt: attempt + 1 });
    if (!(await runner.backoff(run, attempt, retryAfterMs))) return;
  }
}

async function sleep(runner: Runner, run: Run, op: OutgoingOp): Promise<void> {
  const step = runner.stepRecord(run, op);
  const wakeAt = resolveDeadline(op.name ?? "", runner.deps.clock.now());
  if (wakeAt === undefined) {
    return failStep(runner, run, op, { name: "ExecutorError", message: "invalid sleep duration" });
  }
  step.status = "sleeping";
  step.attempts = 1;
  runner.syncStatus(run);
  if (!(await runner.sleepUntil(run, wakeAt, "sleep"))) return;
  step.status = "completed";
  step.endedAt = runner.deps.clock.now();
  runner.syncStatus(run);
  runner.memo(run, op.id, { type: "data", data: null });
}

async function waitForEvent(runner: Runner, run: Run, op: OutgoingOp): Promise<void> {
  const { clock, waits } = runner.deps;
  const step = runner.stepRecord(run, op);
  const opts = waitForEventOptsSchema.safeParse(op.opts);
  const deadline = opts.success ? resolveDeadline(opts.data.timeout, clock.now()) : undefined;
  if (!opts.success || op.name === undefined || deadline === undefined) {
    return failStep(runner, run, op, { name: "ExecutorError", message: "invalid waitForEvent options" });
  }
  step.status = "waiting";
  step.attempts = 1;
  runner.syncStatus(run);
  let cleanup: () => void = () => undefined;
  const matched = new Promise<StoredEvent | null>((resolve) => {
    const remove = waits.add({
      runId: run.record.id,
      eventName: op.name ?? "",
      expression: opts.data.if,
      original: run.event,
      resolve: (event) => {
        cancelTimer();
        resolve(event);
      },
    });
    const cancelTimer = clock.schedule(deadline, "passive", () => {
      remove();
      resolve(null);
    });
    cleanup = () => {
      remove();
      cancelTimer();
    };
  });
  run.cleanups.add(cleanup);
  const result = await runner.park(run, matched);
  run.cleanups.delete(cleanup);
  if (result === CANCELLED || runner.isOver(run)) return;
  step.status = "completed";
  step.endedAt = clock.now();
  runner.syncStatus(run);
  runner.memo(run, op.id, { type: "data", data: result });
}

async function invoke(runner: Runner, run: Run, op: OutgoingOp): Promise<void> {
  const { clock, registry, emit } = runner.deps;
  const step = runner.stepRecord(run, op);
  const opts = invokeOptsSchema.safeParse(op.opts);
  if (!opts.success) {
    return failStep(runner, run, op, { name: "ExecutorError", message: "invalid invoke options" });
  }
  const target = registry.get(opts.data.function_id);
  if (!target) {
    return failStep(runner, run, op, {
      name: "Error",
      message: `could not invoke function "${opts.data.function_id}": it is not registered`,
    });
  }
  step.status = "waiting";
  step.attempts = 1;
  runner.syncStatus(run);
  const payload = opts.data.payload;
  const event = emit(
    {
      name: "inngest/function.invoked",
      data: { ...(payload?.data ?? {}) },
      ...(typeof payload?.v === "string" ? { v: payload.v } : {}),
    },
    { broadcast: false },
  );
  const child = runner.start(target, event, "invoke", run.record.id);
  const deadline = opts.data.timeout ? resolveDeadline(opts.data.timeout, clock.now()) : undefined;
  let cancelTimer: () => void = () => undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    if (deadline !== undefined) cancelTimer = clock.schedule(deadline, "passive", () => resolve("timeout"));
  });
  run.cleanups.add(cancelTimer);
  const outcome = await runner.park(run, Promise.race([child.done, timedOut]));
  cancelTimer();
  run.cleanups.delete(cancelTimer);
  if (outcome === CANCELLED || runner.isOver(run)) return;
  step.status = "running";
  runner.syncStatus(run);
  if (outcome === "timeout") {
    return failStep(runner, run, op, { name: "InngestInvokeTimeoutError", message: "timed out waiting for the invoked function" });
  }
  if (!outcome.ok) return failStep(runner, run, op, outcome.error);
  step.status = "completed";
  step.endedAt = clock.now();
  runner.memo(run, op.id, { type: "data", data: outcome.output ?? null });
}

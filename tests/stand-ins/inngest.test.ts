/**
 * The local Inngest executor driven by the REAL `inngest` SDK: functions are served by
 * `inngest/node`'s serve handler, events are sent with `inngest.send`, and the executor runs under
 * virtual time so sleeps, backoffs and throttle windows cost nothing.
 */
import { Inngest, NonRetriableError, RetryAfterError } from "inngest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunRecord } from "@/dev/inngest/executor";
import { type InngestHarness, silentSdkLogger, startInngestHarness } from "./helpers/inngest-harness";

const HOUR = 3_600_000;

let h: InngestHarness;
let inngest: Inngest.Any;

beforeEach(async () => {
  h = await startInngestHarness();
  inngest = new Inngest({ id: "test-app", isDev: true, baseUrl: h.executor.url, logger: silentSdkLogger });
});

afterEach(async () => {
  await h.close();
});

function only(runs: RunRecord[]): RunRecord {
  expect(runs).toHaveLength(1);
  const [run] = runs;
  if (!run) throw new Error("no run");
  return run;
}

describe("local Inngest executor with the real SDK", () => {
  it("runs sequential steps and memoises each result", async () => {
    const calls: string[] = [];
    const fn = inngest.createFunction({ id: "sequential", triggers: { event: "app/seq" } }, async ({ event, step }) => {
      const a = await step.run("first", () => {
        calls.push("first");
        return Number(event.data.start);
      });
      const b = await step.run("second", () => {
        calls.push("second");
        return a * 10;
      });
      const c = await step.run("third", () => {
        calls.push("third");
        return `${a}-${b}`;
      });
      return { a, b, c };
    });
    await h.serve(inngest, [fn]);

    const { ids } = await inngest.send({ name: "app/seq", data: { start: 4 } });
    expect(ids).toHaveLength(1);
    await h.executor.waitForIdle();

    const run = only(h.runsOf("test-app-sequential"));
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ a: 4, b: 40, c: "4-40" });
    expect(run.steps.map((s) => [s.name, s.op, s.status, s.attempts])).toEqual([
      ["first", "StepRun", "completed", 1],
      ["second", "StepRun", "completed", 1],
      ["third", "StepRun", "completed", 1],
    ]);
    // Each step body ran exactly once: later requests replayed memoised state.
    expect(calls).toEqual(["first", "second", "third"]);
    expect(run.sdkVersion).toBe(2);
  });

  it("runs a parallel pair (Promise.all of two step.run) and then continues", async () => {
    const fn = inngest.createFunction({ id: "parallel", triggers: { event: "app/par" } }, async ({ step }) => {
      const [left, right] = await Promise.all([
        step.run("left", () => "L"),
        step.run("right", async () => {
          await new Promise((resolve) => setTimeout(resolve, 10));
          return "R";
        }),
      ]);
      const joined = await step.run("join", () => `${left}${right}`);
      return { left, right, joined };
    });
    await h.serve(inngest, [fn]);

    await inngest.send({ name: "app/par", data: {} });
    await h.executor.waitForIdle();

    const run = only(h.runsOf("test-app-parallel"));
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ left: "L", right: "R", joined: "LR" });
    expect(run.steps.map((s) => s.name).sort()).toEqual(["join", "left", "right"]);
    expect(run.steps.every((s) => s.status === "completed" && s.attempts === 1)).toBe(true);
  });

  it("retries a step that fails twice, then succeeds", async () => {
    let calls = 0;
    const fn = inngest.createFunction({ id: "flaky", retries: 3, triggers: { event: "app/flaky" } }, async ({ step }) => {
      const value = await step.run("sometimes", () => {
        calls += 1;
        if (calls < 3) throw new Error(`transient failure ${calls}`);
        return `ok after ${calls}`;
      });
      return { value };
    });
    await h.serve(inngest, [fn]);

    await inngest.send({ name: "app/flaky", data: {} });
    await h.executor.waitForIdle();

    const run = only(h.runsOf("test-app-flaky"));
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ value: "ok after 3" });
    expect(run.steps).toHaveLength(1);
    const step = run.steps[0];
    expect(step?.attempts).toBe(3);
    expect(step?.status).toBe("completed");
    expect(calls).toBe(3);
  });

  it("honours RetryAfterError: the retry happens after the requested delay (virtual clock)", async () => {
    const attemptTimes: number[] = [];
    const fn = inngest.createFunction({ id: "retry-after", triggers: { event: "app/ra" } }, async ({ step }) => {
      return step.run("rate-limited-call", () => {
        attemptTimes.push(h.executor.now());
        if (attemptTimes.length === 1) throw new RetryAfterError("slow down", "10m");
        return "done";
      });
    });
    await h.serve(inngest, [fn]);

    await inngest.send({ name: "app/ra", data: {} });
    await h.executor.waitForIdle();

    expect(only(h.runsOf("test-app-retry-after")).output).toBe("done");
    expect(attemptTimes).toHaveLength(2);
    const [first = 0, second = 0] = attemptTimes;
    expect(second - first).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it("completes a step.sleep('1h') instantly under virtual time", async () => {
    const fn = inngest.createFunction({ id: "sleeper", triggers: { event: "app/sleep" } }, async ({ step }) => {
      const before = await step.run("before", () => h.executor.now());
      await step.sleep("nap", "1h");
      const after = await step.run("after", () => h.executor.now());
      return { slept: after - before };
    });
    await h.serve(inngest, [fn]);

    const startedReal = Date.now();
    await inngest.send({ name: "app/sleep", data: {} });
    await h.executor.waitForIdle();

    const run = only(h.runsOf("test-app-sleeper"));
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ slept: HOUR });
    expect(run.steps.find((s) => s.name === "nap")?.op).toBe("Sleep");
    expect(Date.now() - startedReal).toBeLessThan(10_000);
  });

  it("resolves step.waitForEvent with a later event matching the `if` expression", async () => {
    const fn = inngest.createFunction({ id: "approval", triggers: { event: "app/request" } }, async ({ step }) => {
      const approval = await step.waitForEvent("wait-approval", {
        event: "app/approved",
        timeout: "1d",
        if: "event.data.id == async.data.id",
      });
      const flagged = await step.waitForEvent("wait-flag", {
        event: "app/flag",
        timeout: "1d",
        if: "async.data.level == 'high'",
      });
      return { approvedBy: approval ? String(approval.data.by) : null, level: flagged ? String(flagged.data.level) : null };
    });
    await h.serve(inngest, [fn]);

    await inngest.send({ name: "app/request", data: { id: "req-1" } });
    await h.until((runs) => runs.some((r) => r.steps.some((s) => s.name === "wait-approval" && s.status === "waiting")));

    await inngest.send({ name: "app/approved", data: { id: "someone-else", by: "mallory" } });
    await inngest.send({ name: "app/approved", data: { id: "req-1", by: "alice" } });
    await h.until((runs) => runs.some((r) => r.steps.some((s) => s.name === "wait-flag" && s.status === "waiting")));
    await inngest.send({ name: "app/flag", data: { level: "low" } });
    await inngest.send({ name: "app/flag", data: { level: "high" } });
    await h.executor.waitForIdle();

    const run = only(h.runsOf("test-app-approval"));
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ approvedBy: "alice", level: "high" });
  });

  it("returns null from step.waitForEvent when the timeout passes", async () => {
    const fn = inngest.createFunction({ id: "wait-timeout", triggers: { event: "app/start" } }, async ({ step }) => {
      const reply = await step.waitForEvent("wait-reply", { event: "app/reply", timeout: "2h" });
      return { reply };
    });
    await h.serve(inngest, [fn]);

    await inngest.send({ name: "app/start", data: {} });
    await h.executor.waitForIdle();
    expect(only(h.runsOf("test-app-wait-timeout")).status).toBe("waiting");

    await h.executor.advanceTime("3h");
    await h.executor.waitForIdle();

    const run = only(h.runsOf("test-app-wait-timeout"));
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ reply: null });
  });

  it("runs step.invoke of another function and returns its output", async () => {
    const child = inngest.createFunction({ id: "double", triggers: { event: "app/double" } }, async ({ event, step }) => {
      const doubled = await step.run("double-it", () => Number(event.data.x) * 2);
      return { doubled };
    });
    const parent = inngest.createFunction({ id: "caller", triggers: { event: "app/call" } }, async ({ step }) => {
      const result = await step.invoke("call-double", { function: child, data: { x: 21 } });
      return { fromChild: result.doubled };
    });
    await h.serve(inngest, [child, parent]);

    await inngest.send({ name: "app/call", data: {} });
    await h.executor.waitForIdle();

    const parentRun = only(h.runsOf("test-app-caller"));
    const childRun = only(h.runsOf("test-app-double"));
    expect(parentRun.output).toEqual({ fromChild: 42 });
    expect(childRun.trigger).toBe("invoke");
    expect(childRun.parentRunId).toBe(parentRun.id);
    expect(childRun.event.name).toBe("inngest/function.invoked");
    expect(parentRun.steps.find((s) => s.name === "call-double")?.op).toBe("InvokeFunction");
  });

  it("surfaces a failed invoked function as a step error the caller can catch", async () => {
    const child = inngest.createFunction({ id: "refuser", retries: 0, triggers: { event: "app/refuse" } }, () => {
      throw new NonRetriableError("child says no");
    });
    const parent = inngest.createFunction({ id: "careful-caller", triggers: { event: "app/careful" } }, async ({ step }) => {
      try {
        await step.invoke("call-refuser", { function: child, data: {} });
        return "unexpected success";
      } catch (err) {
        return { caught: err instanceof Error ? err.message : "non-error" };
      }
    });
    await h.serve(inngest, [child, parent]);

    await inngest.send({ name: "app/careful", data: {} });
    await h.executor.waitForIdle();

    expect(only(h.runsOf("test-app-refuser")).status).toBe("failed");
    const parentRun = only(h.runsOf("test-app-careful-caller"));
    expect(parentRun.status).toBe("completed");
    expect(parentRun.output).toEqual({ caught: expect.stringContaining("child says no") as unknown });
  });

  it("continues after the first finished step in group.parallel race mode", async () => {
    let afterRaceAt = 0;
    const fn = inngest.createFunction({ id: "racer", triggers: { event: "app/race" } }, async ({ step, group }) => {
      const startedAt = await step.run("start", () => h.executor.now());
      const winner = await group.parallel({ mode: "race" }, () =>
        Promise.race([
          step.waitForEvent("wait-for-reply", { event: "app/reply", timeout: "1d" }).then(() => "reply"),
          step.sleep("give-up-after", "5m").then(() => "timeout"),
        ]),
      );
      await step.run("after-race", () => {
        afterRaceAt = h.executor.now();
      });
      return { winner, afterRaceMs: afterRaceAt - startedAt };
    });
    await h.serve(inngest, [fn]);

    await inngest.send({ name: "app/race", data: {} });
    await h.executor.waitForIdle();
    // The sleep won and the code after the race ran, long before the losing wait's 1d timeout...
    expect(afterRaceAt).toBeGreaterThan(0);
    let run = only(h.runsOf("test-app-racer"));
    expect(run.steps.find((s) => s.name === "after-race")?.status).toBe("completed");
    // ...but the SDK only reports the run finished once the losing step settled (engine.ts: a
    // function that returned while steps are still unmemoised answers "steps-found").
    expect(run.status).toBe("waiting");

    await h.executor.advanceTime("1d");
    await h.executor.waitForIdle();
    run = only(h.runsOf("test-app-racer"));
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ winner: "timeout", afterRaceMs: 5 * 60_000 });
  });

  it("triggers another function through step.sendEvent", async () => {
    const sender = inngest.createFunction({ id: "sender", triggers: { event: "app/order.placed" } }, async ({ event, step }) => {
      const sent = await step.sendEvent("notify", { name: "app/order.notify", data: { orderId: String(event.data.orderId) } });
      return { sentIds: sent.ids.length };
    });
    const receiver = inngest.createFunction({ id: "receiver", triggers: { event: "app/order.notify" } }, ({ event }) => {
      return { notified: String(event.data.orderId) };
    });
    await h.serve(inngest, [sender, receiver]);

    await inngest.send({ name: "app/order.placed", data: { orderId: "o-77" } });
    await h.executor.waitForIdle();

    expect(only(h.runsOf("test-app-sender")).output).toEqual({ sentIds: 1 });
    expect(only(h.runsOf("test-app-receiver")).output).toEqual({ notified: "o-77" });
  });

  it("runs onFailure after retries are exhausted", async () => {
    let attempts = 0;
    const failures: { functionId: string; message: string; originalOrder: unknown }[] = [];
    const fn = inngest.createFunction(
      {
        id: "always-fails",
        retries: 2,
        triggers: { event: "app/doomed" },
        onFailure: ({ event, error }) => {
          failures.push({
            functionId: event.data.function_id,
            message: error.message,
            originalOrder: (event.data.event.data as Record<string, unknown>).order,
          });
          return "handled";
        },
      },
      async ({ step }) => {
        await step.run("explode", () => {
          attempts += 1;
          throw new Error("boom");
        });
        return "unreachable";
      },
    );
    await h.serve(inngest, [fn]);

    await inngest.send({ name: "app/doomed", data: { order: 9 } });
    await h.executor.waitForIdle();

    const run = only(h.runsOf("test-app-always-fails"));
    expect(run.status).toBe("failed");
    expect(run.steps[0]?.attempts).toBe(3);
    expect(run.steps[0]?.status).toBe("failed");
    expect(attempts).toBe(3);
    expect(run.error?.message).toContain("boom");

    const failureRun = only(h.runsOf("test-app-always-fails-failure"));
    expect(failureRun.status).toBe("completed");
    expect(failureRun.event.name).toBe("inngest/function.failed");
    expect(failureRun.output).toBe("handled");
    expect(failures).toHaveLength(1);
    expect(failures[0]?.functionId).toBe("test-app-always-fails");
    expect(failures[0]?.message).toContain("boom");
    expect(failures[0]?.originalOrder).toBe(9);
  });

  it("does not retry a NonRetriableError (in a step or in the function body)", async () => {
    let stepAttempts = 0;
    let bodyAttempts = 0;
    let failureHandlerCalls = 0;
    const inStep = inngest.createFunction(
      {
        id: "non-retriable-step",
        retries: 5,
        triggers: { event: "app/nr" },
        onFailure: () => {
          failureHandlerCalls += 1;
        },
      },
      async ({ step }) => {
        await step.run("refuse", () => {
          stepAttempts += 1;
          throw new NonRetriableError("bad input");
        });
      },
    );
    const inBody = inngest.createFunction({ id: "non-retriable-body", retries: 5, triggers: { event: "app/nr" } }, () => {
      bodyAttempts += 1;
      throw new NonRetriableError("nope");
    });
    await h.serve(inngest, [inStep, inBody]);

    await inngest.send({ name: "app/nr", data: {} });
    await h.executor.waitForIdle();

    const stepRun = only(h.runsOf("test-app-non-retriable-step"));
    expect(stepRun.status).toBe("failed");
    expect(stepRun.steps[0]?.attempts).toBe(1);
    expect(stepAttempts).toBe(1);
    expect(failureHandlerCalls).toBe(1);

    const bodyRun = only(h.runsOf("test-app-non-retriable-body"));
    expect(bodyRun.status).toBe("failed");
    expect(bodyRun.attempts).toBe(1);
    expect(bodyRun.error).toMatchObject({ name: "NonRetriableError", message: "nope" });
    expect(bodyAttempts).toBe(1);
  });

  it("retries an error thrown outside steps up to the function's retries", async () => {
    let bodyAttempts = 0;
    const fn = inngest.createFunction({ id: "body-fails", retries: 1, triggers: { event: "app/body" } }, () => {
      bodyAttempts += 1;
      throw new Error("always");
    });
    await h.serve(inngest, [fn]);

    await inngest.send({ name: "app/body", data: {} });
    await h.executor.waitForIdle();

    const run = only(h.runsOf("test-app-body-fails"));
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(2);
    expect(bodyAttempts).toBe(2);
  });

  it("throttles run starts to `limit` per `period` over a burst", async () => {
    const fn = inngest.createFunction(
      { id: "throttled", throttle: { limit: 2, period: "1s" }, triggers: { event: "app/burst" } },
      ({ event }) => ({ n: Number(event.data.n) }),
    );
    await h.serve(inngest, [fn]);

    await inngest.send(Array.from({ length: 7 }, (_, n) => ({ name: "app/burst", data: { n } })));
    await h.executor.waitForIdle();

    const runs = h.runsOf("test-app-throttled");
    expect(runs).toHaveLength(7);
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    const starts = runs.map((r) => r.startedAt ?? Number.NaN).sort((a, b) => a - b);
    // Sliding window: any 3 consecutive starts span at least one period.
    for (let i = 0; i + 2 < starts.length; i++) {
      expect((starts[i + 2] ?? 0) - (starts[i] ?? 0)).toBeGreaterThanOrEqual(1_000);
    }
    // Per fixed 1s window (from the first start) never more than 2.
    const first = starts[0] ?? 0;
    const perWindow = new Map<number, number>();
    for (const t of starts) perWindow.set(Math.floor((t - first) / 1_000), (perWindow.get(Math.floor((t - first) / 1_000)) ?? 0) + 1);
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(2);
    expect((starts.at(-1) ?? 0) - first).toBeGreaterThanOrEqual(3_000);
    expect(runs.map((r) => (r.output as { n: number }).n).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("limits concurrency per key (`concurrency: { limit: 1, key: 'event.data.org' }`)", async () => {
    const active = new Map<string, number>();
    const maxActive = new Map<string, number>();
    let overall = 0;
    let overallMax = 0;
    const fn = inngest.createFunction(
      { id: "per-org", concurrency: { limit: 1, key: "event.data.org" }, triggers: { event: "app/job" } },
      async ({ event, step }) => {
        const org = String(event.data.org);
        return step.run("work", async () => {
          active.set(org, (active.get(org) ?? 0) + 1);
          overall += 1;
          maxActive.set(org, Math.max(maxActive.get(org) ?? 0, active.get(org) ?? 0));
          overallMax = Math.max(overallMax, overall);
          await new Promise((resolve) => setTimeout(resolve, 25));
          active.set(org, (active.get(org) ?? 1) - 1);
          overall -= 1;
          return `${org}:${String(event.data.n)}`;
        });
      },
    );
    await h.serve(inngest, [fn]);

    await inngest.send([
      { name: "app/job", data: { org: "a", n: 1 } },
      { name: "app/job", data: { org: "a", n: 2 } },
      { name: "app/job", data: { org: "a", n: 3 } },
      { name: "app/job", data: { org: "b", n: 1 } },
      { name: "app/job", data: { org: "b", n: 2 } },
    ]);
    await h.executor.waitForIdle();

    const runs = h.runsOf("test-app-per-org");
    expect(runs).toHaveLength(5);
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    expect(maxActive.get("a")).toBe(1);
    expect(maxActive.get("b")).toBe(1);
    expect(overallMax).toBe(2);
  });

  it("matches a wildcard trigger `app/*`", async () => {
    const fn = inngest.createFunction({ id: "catch-all", triggers: { event: "app/*" } }, ({ event }) => ({
      name: event.name,
    }));
    await h.serve(inngest, [fn]);

    await inngest.send([
      { name: "app/user.created", data: {} },
      { name: "billing/invoice.paid", data: {} },
      { name: "application/ignored", data: {} },
    ]);
    await h.executor.waitForIdle();

    const run = only(h.runsOf("test-app-catch-all"));
    expect(run.output).toEqual({ name: "app/user.created" });
  });

  it("fires cron-triggered functions when the (virtual) clock crosses a scheduled minute", async () => {
    const fn = inngest.createFunction({ id: "every-5-min", triggers: { cron: "*/5 * * * *" } }, ({ event }) => ({
      cron: "cron" in event.data ? event.data.cron : null,
    }));
    await h.serve(inngest, [fn]);

    await h.executor.advanceTime("5m");
    await h.executor.waitForIdle();

    const run = only(h.runsOf("test-app-every-5-min"));
    expect(run.trigger).toBe("cron");
    expect(run.event.name).toBe("inngest/scheduled.timer");
    expect(run.output).toEqual({ cron: "*/5 * * * *" });
    expect(new Date(run.startedAt ?? 0).getUTCMinutes() % 5).toBe(0);
  });

  it("cancels a run with cancelOn", async () => {
    const fn = inngest.createFunction(
      {
        id: "cancellable",
        triggers: { event: "app/remind" },
        cancelOn: [{ event: "app/remind.cancel", if: "event.data.id == async.data.id" }],
      },
      async ({ event, step }) => {
        await step.waitForEvent("hold", { event: "app/never", timeout: "1d" });
        return `reminded ${String(event.data.id)}`;
      },
    );
    await h.serve(inngest, [fn]);

    await inngest.send([
      { name: "app/remind", data: { id: "r1" } },
      { name: "app/remind", data: { id: "r2" } },
    ]);
    await h.executor.waitForIdle();
    await inngest.send({ name: "app/remind.cancel", data: { id: "r1" } });
    await h.executor.advanceTime("2d");
    await h.executor.waitForIdle();

    const runs = h.runsOf("test-app-cancellable");
    expect(runs.map((r) => [r.status, r.output])).toEqual([
      ["cancelled", undefined],
      ["completed", "reminded r2"],
    ]);
  });

  it("serves the event API, run history JSON and an HTML page", async () => {
    const fn = inngest.createFunction({ id: "hello", triggers: { event: "app/hello" } }, ({ event }) => ({
      hi: String(event.data.who),
    }));
    await h.serve(inngest, [fn]);

    const sent = await fetch(`${h.executor.url}/e/any-key`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ name: "app/hello", data: { who: "there" } }]),
    });
    const sentBody = (await sent.json()) as { ids: string[]; status: number };
    expect(sent.status).toBe(200);
    expect(sentBody.status).toBe(200);
    expect(sentBody.ids).toHaveLength(1);

    const bad = await fetch(`${h.executor.url}/e/any-key`, { method: "POST", body: JSON.stringify([{ data: {} }]) });
    expect(bad.status).toBe(400);

    await h.executor.waitForIdle();
    const runs = (await (await fetch(`${h.executor.url}/runs`)).json()) as { runs: RunRecord[] };
    const run = only(runs.runs);
    expect(run).toMatchObject({ functionId: "test-app-hello", status: "completed", output: { hi: "there" } });
    expect(run.event.name).toBe("app/hello");
    expect(Object.keys(run.event).sort()).toEqual(["id", "name"]);

    const single = (await (await fetch(`${h.executor.url}/runs/${run.id}`)).json()) as RunRecord;
    expect(single.id).toBe(run.id);
    const apps = (await (await fetch(`${h.executor.url}/apps`)).json()) as {
      apps: { id: string; framework?: string }[];
      functions: { id: string }[];
    };
    expect(apps.apps).toMatchObject([{ id: "test-app", framework: "nodejs" }]);
    expect(apps.functions.map((f) => f.id)).toEqual(["test-app-hello"]);
    const events = (await (await fetch(`${h.executor.url}/events`)).json()) as { events: { name: string; runIds: string[] }[] };
    expect(events.events.find((e) => e.name === "app/hello")?.runIds).toEqual([run.id]);
    expect(JSON.stringify(events)).not.toContain("there");

    const html = await (await fetch(`${h.executor.url}/`)).text();
    expect(html).toContain("test-app-hello");
    expect(html).toContain("completed");
  });
});

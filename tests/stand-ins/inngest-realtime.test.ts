/**
 * The executor outside virtual time, its app syncing, and its logging (which must never contain
 * event payloads or outputs).
 */
import { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/dev/inngest/logger";
import { silentSdkLogger, startInngestHarness } from "./helpers/inngest-harness";

describe("local Inngest executor (real time, sync, logging)", () => {
  it("sleeps for real when virtual time is off", async () => {
    const h = await startInngestHarness({ virtualTime: false });
    try {
      const inngest = new Inngest({ id: "rt-app", isDev: true, baseUrl: h.executor.url, logger: silentSdkLogger });
      const fn = inngest.createFunction({ id: "short-nap", triggers: { event: "rt/nap" } }, async ({ step }) => {
        const before = await step.run("before", () => Date.now());
        await step.sleep("nap", "1s");
        return { slept: Date.now() - before };
      });
      await h.serve(inngest, [fn]);

      await inngest.send({ name: "rt/nap", data: {} });
      const runs = await h.until((all) => all.some((r) => r.status === "completed"), 10_000);
      const run = runs.find((r) => r.functionId === "rt-app-short-nap");
      expect(run?.status).toBe("completed");
      expect((run?.output as { slept: number }).slept).toBeGreaterThanOrEqual(1_000);
      expect((run?.endedAt ?? 0) - (run?.startedAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    } finally {
      await h.close();
    }
  });

  it("keeps polling an app that was not up yet and syncs it once it answers", async () => {
    const h = await startInngestHarness({ syncIntervalMs: 50 });
    try {
      expect(h.executor.functions()).toEqual([]);
      const inngest = new Inngest({ id: "late-app", isDev: true, baseUrl: h.executor.url, logger: silentSdkLogger });
      const fn = inngest.createFunction({ id: "late", triggers: { event: "late/go" } }, () => "ran");
      await h.serve(inngest, [fn], { sync: false });

      const deadline = Date.now() + 5_000;
      while (h.executor.functions().length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(h.executor.functions().map((f) => f.id)).toEqual(["late-app-late"]);

      await inngest.send({ name: "late/go", data: {} });
      await h.executor.waitForIdle();
      expect(h.runsOf("late-app-late")[0]?.output).toBe("ran");
    } finally {
      await h.close();
    }
  });

  it("logs ids, names and statuses but never event data, outputs or error messages", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "debug", write: (line) => lines.push(line) });
    const h = await startInngestHarness({ logger });
    const secret = "SECRET-ID-8001015009087";
    try {
      const inngest = new Inngest({ id: "log-app", isDev: true, baseUrl: h.executor.url, logger: silentSdkLogger });
      const ok = inngest.createFunction({ id: "echo", triggers: { event: "log/echo" } }, async ({ event, step }) => {
        const copy = await step.run("copy", () => String(event.data.idNumber));
        await step.sendEvent("forward", { name: "log/forwarded", data: { idNumber: copy } });
        return { copy };
      });
      const bad = inngest.createFunction({ id: "leaky-error", retries: 1, triggers: { event: "log/echo" } }, ({ event }) => {
        throw new Error(`cannot process ${String(event.data.idNumber)}`);
      });
      await h.serve(inngest, [ok, bad]);

      await inngest.send({ name: "log/echo", data: { idNumber: secret } });
      await h.executor.waitForIdle();

      expect(h.runsOf("log-app-echo")[0]?.output).toEqual({ copy: secret });
      expect(h.runsOf("log-app-leaky-error")[0]?.status).toBe("failed");
      const joined = lines.join("");
      expect(joined).not.toContain(secret);
      expect(joined).not.toContain("8001015009087");
      expect(lines.length).toBeGreaterThan(5);
      for (const line of lines) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        expect(typeof entry.level).toBe("string");
        expect(typeof entry.msg).toBe("string");
        expect(entry.component).toBe("inngest-executor");
      }
      expect(joined).toContain('"msg":"event.received"');
      expect(joined).toContain('"msg":"run.completed"');
      expect(joined).toContain('"msg":"run.failed"');
    } finally {
      await h.close();
    }
  });
});

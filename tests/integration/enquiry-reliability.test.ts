import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startInngestExecutor, type InngestExecutor } from "@/dev/inngest/executor";
import { startTpnSandbox, type TpnSandbox } from "@/dev/tpn/server";
import type { Database } from "@/db/client";
import type * as Schema from "@/db/schema";
import type * as AppFixtures from "../helpers/app-fixtures";
import { freshSaIdNumber } from "../helpers/identity-numbers";
import { serveRoutes, type RouteModule } from "../helpers/route-server";

/**
 * The enquiry pipeline when things go wrong: TPN failing, timing out and rate limiting at random; TPN
 * down altogether; the workflow engine crashing and coming back with none of its state. Whatever
 * happens, every enquiry must end somewhere definite (`scoring`, the hand-over of this stage, or
 * `failed` with a reason) and TPN must have billed exactly the records we stored.
 */
const TPN_KEY = "tpn-reliability-test-key";
const SUBMITTERS = ["manager", "landlord", "landlord2", "solo", "otherManager", "otherLandlord"] as const;
const HOUR = 3_600_000;
/** Where an enquiry may rest once this stage is done: handed over (and maybe moved on since), or failed. */
const SETTLED = ["scoring", "rendering", "ready", "failed"];

interface App {
  fixtures: typeof AppFixtures;
  schema: typeof Schema;
  db: Database;
  fixture: AppFixtures.Fixture;
  inngestRoute: RouteModule;
  postEnquiry: AppFixtures.RouteHandler;
  circuitState(): string;
}

/**
 * A fresh copy of the app configured by `env`. The env module reads process.env once and the TPN
 * client (with its circuit breaker) is one per module instance, so each scenario re-imports the app
 * after stubbing. The embedded database lives on globalThis and is shared, which is harmless: every
 * scenario has its own users and counts only its own enquiries.
 */
async function loadApp(env: Record<string, string>): Promise<App> {
  vi.resetModules();
  vi.unstubAllEnvs();
  // No live-status pushes: they would go to Pusher's hosted cluster, and they are not under test here.
  vi.stubEnv("PUSHER_APP_ID", "");
  vi.stubEnv("INNGEST_DEV", "1");
  vi.stubEnv("TPN_API_KEY", TPN_KEY);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const fixtures = await import("../helpers/app-fixtures");
  const schema = await import("@/db/schema");
  const db = await (await import("@/db")).getDb();
  const { getTpnClient } = await import("@/lib/tpn/get-client");
  const postEnquiry = (await import("@/app/api/enquiries/route")).POST;
  return {
    fixtures,
    schema,
    db,
    fixture: await fixtures.createFixture(db),
    inngestRoute: (await import("@/app/api/inngest/route")) as unknown as RouteModule,
    postEnquiry,
    circuitState: () => getTpnClient().circuitState(),
  };
}

/** Submits `count` attested enquiries through the route handler, spread over the fixture's users (10 an hour each). */
async function submitBatch(app: App, count: number, label: string, options: { parallel?: boolean } = {}): Promise<string[]> {
  const submitOne = async (i: number) => {
    const user = app.fixture.users[SUBMITTERS[i % SUBMITTERS.length] ?? "manager"];
    const cookie = await app.fixtures.sessionCookie(user);
    const body = {
      subject: { type: "individual", idNumber: freshSaIdNumber(), firstName: "Batch", surname: `${label} ${i}` },
      consent: { method: "signed_form", obtainedAt: new Date().toISOString(), confirmed: true },
      monthlyRent: 9000,
    };
    const response = await app.fixtures.callRoute(app.postEnquiry, app.fixtures.apiRequest("/api/enquiries", { method: "POST", cookie, body }));
    expect(response.status, await response.clone().text()).toBe(202);
    return ((await response.json()) as { id: string }).id;
  };
  const indexes = Array.from({ length: count }, (_, i) => i);
  if (options.parallel) return Promise.all(indexes.map(submitOne));
  const ids: string[] = [];
  for (const i of indexes) ids.push(await submitOne(i));
  return ids;
}

async function outcomes(app: App, ids: string[]) {
  const { enquiries, enquiryEvents, bureauRecords } = app.schema;
  const rows = await app.db
    .select({ id: enquiries.id, status: enquiries.status, failureCode: enquiries.failureCode, failureMessage: enquiries.failureMessage, billed: enquiries.billed })
    .from(enquiries)
    .where(inArray(enquiries.id, ids));
  const records = await app.db.select({ enquiryId: bureauRecords.enquiryId }).from(bureauRecords).where(inArray(bureauRecords.enquiryId, ids));
  // Handed over = the timeline reached `scoring`, whatever later stages (the report) did since.
  const handOvers = await app.db
    .select({ enquiryId: enquiryEvents.enquiryId })
    .from(enquiryEvents)
    .where(and(inArray(enquiryEvents.enquiryId, ids), eq(enquiryEvents.status, "scoring")));
  const handedOver = new Set(handOvers.map((event) => event.enquiryId));
  return { rows: rows.map((row) => ({ ...row, handedOver: handedOver.has(row.id) })), records: records.length, handedOver: handedOver.size };
}

/** Every enquiry handed over to scoring or failed with a code and a message the requester can read. */
function expectSettled(result: Awaited<ReturnType<typeof outcomes>>, expected: number) {
  expect(result.rows).toHaveLength(expected);
  for (const row of result.rows) {
    expect(SETTLED, `enquiry ${row.id} left in ${row.status}`).toContain(row.status);
    if (row.status === "failed") {
      expect(row.failureCode).toMatch(/\S/);
      expect(row.failureMessage).toMatch(/\S/);
    }
  }
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("enquiry reliability", () => {
  afterAll(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  describe("TPN failing at random: 5xx, timeouts after billing, 429 bursts", () => {
    const BATCH = 15;
    let executor: InngestExecutor;
    let sandbox: TpnSandbox;
    let server: { url: string; close(): Promise<void> };
    let app: App;

    beforeAll(async () => {
      // Virtual time jumps over retry backoffs and Retry-After waits. The sandbox keeps its per-second
      // quota on the same clock, so TPN's quota windows and the workflow's waits stay coherent. The
      // clock starts ahead of the wall clock so TPN never sees a consent timestamp "from the future".
      executor = await startInngestExecutor({ port: 0, virtualTime: true, startTime: Date.now() + HOUR });
      sandbox = await startTpnSandbox({
        port: 0,
        apiKey: TPN_KEY,
        errorRate: 0.3,
        timeoutRate: 0.1,
        // Hung responses are billed; the client gives up after TPN_TIMEOUT_MS, long before this.
        hangMs: 5_000,
        // Below the workflow's own throttle: starts come faster than TPN allows, so 429s come in bursts.
        quotaPerSecond: 2,
        clock: () => executor.now(),
      });
      app = await loadApp({
        INNGEST_BASE_URL: executor.url,
        TPN_API_URL: sandbox.url,
        TPN_TIMEOUT_MS: "500",
        TPN_RATE_LIMIT_PER_SECOND: "4",
        TPN_BREAKER_FAILURE_THRESHOLD: "5",
        TPN_BREAKER_COOLDOWN_MS: "100",
      });
      server = await serveRoutes({ "/api/inngest": app.inngestRoute });
      expect(await executor.registerApp(`${server.url}/api/inngest`)).toBe(true);
    });

    afterAll(async () => {
      await server?.close();
      await executor?.close();
      await sandbox?.close();
    });

    it("settles every enquiry and bills exactly the records it stored", async () => {
      const ids = await submitBatch(app, BATCH, "Faulty");
      await executor.waitForIdle(60_000);

      const result = await outcomes(app, ids);
      expectSettled(result, BATCH);
      const stats = sandbox.stats();
      // The faults really happened, or this test proves nothing.
      expect(stats.byStatus[429] ?? 0).toBeGreaterThan(0);
      expect((stats.byStatus[500] ?? 0) + (stats.byStatus[503] ?? 0)).toBeGreaterThan(0);
      expect(stats.hung).toBeGreaterThan(0);
      // A retry after a timeout gets TPN's stored answer under the same Idempotency-Key: billed once.
      expect(stats.billableCalls).toBe(result.records);
      // Every enquiry with a record was handed over, and a failed one has none (nothing billed silently).
      expect(result.records).toBe(result.handedOver);
      expect(result.rows.filter((row) => row.handedOver).every((row) => row.billed)).toBe(true);
      // Six retries per step ride out a 30 % error rate: almost everything gets through.
      expect(result.handedOver).toBeGreaterThanOrEqual(BATCH - 2);
    });
  });

  describe("TPN down: the circuit opens, enquiries wait, then finish when TPN is back", () => {
    const BATCH = 5;
    let executor: InngestExecutor;
    let sandbox: TpnSandbox;
    let server: { url: string; close(): Promise<void> };
    let app: App;

    beforeAll(async () => {
      // Real time: the breaker's cool-down is wall-clock time, so the workflow's pauses must be too.
      executor = await startInngestExecutor({ port: 0, virtualTime: false });
      sandbox = await startTpnSandbox({ port: 0, apiKey: TPN_KEY, outage: true, quotaPerSecond: 20 });
      app = await loadApp({
        INNGEST_BASE_URL: executor.url,
        TPN_API_URL: sandbox.url,
        TPN_TIMEOUT_MS: "2000",
        TPN_RATE_LIMIT_PER_SECOND: "20",
        TPN_BREAKER_FAILURE_THRESHOLD: "2",
        TPN_BREAKER_COOLDOWN_MS: "1000",
      });
      server = await serveRoutes({ "/api/inngest": app.inngestRoute });
      expect(await executor.registerApp(`${server.url}/api/inngest`)).toBe(true);
    });

    afterAll(async () => {
      await server?.close();
      await executor?.close();
      await sandbox?.close();
    });

    it("pauses without failing while the circuit is open, and completes after the outage", async () => {
      const ids = await submitBatch(app, BATCH, "Outage");
      let sawOpen = false;
      await until(
        async () => {
          sawOpen ||= app.circuitState() === "open";
          const { rows } = await outcomes(app, ids);
          return sawOpen && rows.every((row) => row.status === "fetching");
        },
        10_000,
        "the circuit to open with every enquiry fetching",
      );

      // Hold the outage for a few seconds: the enquiries wait, TPN is spared all but trial calls.
      const requestsBefore = sandbox.stats().requests;
      const holdUntil = Date.now() + 3_500;
      while (Date.now() < holdUntil) {
        const { rows } = await outcomes(app, ids);
        expect(rows.map((row) => row.status)).toEqual(ids.map(() => "fetching"));
        sawOpen ||= app.circuitState() === "open";
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      // One trial call per cool-down (~1 s), not one call per enquiry per retry.
      expect(sandbox.stats().requests - requestsBefore).toBeLessThanOrEqual(6);
      expect(sandbox.stats().billableCalls).toBe(0);

      sandbox.setOptions({ outage: false });
      await until(async () => (await outcomes(app, ids)).handedOver === BATCH, 15_000, "every enquiry to reach scoring");
      const result = await outcomes(app, ids);
      expectSettled(result, BATCH);
      expect(result.records).toBe(BATCH);
      expect(sandbox.stats().billableCalls).toBe(BATCH);
      expect(app.circuitState()).toBe("closed");
    });
  });

  describe("workflow engine crash: a new executor with no memory of the old one", () => {
    let firstExecutor: InngestExecutor;
    let executor: InngestExecutor;
    let sandbox: TpnSandbox;
    let server: { url: string; close(): Promise<void> };
    let app: App;

    beforeAll(async () => {
      firstExecutor = await startInngestExecutor({ port: 0, virtualTime: true });
      sandbox = await startTpnSandbox({ port: 0, apiKey: TPN_KEY, quotaPerSecond: 50 });
      app = await loadApp({
        INNGEST_BASE_URL: firstExecutor.url,
        TPN_API_URL: sandbox.url,
        TPN_TIMEOUT_MS: "2000",
        TPN_RATE_LIMIT_PER_SECOND: "50",
      });
      server = await serveRoutes({ "/api/inngest": app.inngestRoute });
      expect(await firstExecutor.registerApp(`${server.url}/api/inngest`)).toBe(true);
    });

    afterAll(async () => {
      vi.useRealTimers();
      await server?.close();
      await firstExecutor?.close();
      await executor?.close();
      await sandbox?.close();
    });

    it("recovers lost runs and undelivered events through the outbox cron, billing each enquiry once", async () => {
      // Before the crash: a first part of the batch goes all the way.
      const done = await submitBatch(app, 4, "Before crash");
      await firstExecutor.waitForIdle(20_000);
      expect((await outcomes(app, done)).handedOver).toBe(4);

      // The app goes down; the executor accepts the next events but cannot run them, then dies.
      await server.close();
      const lostRuns = await submitBatch(app, 4, "Lost run");
      const port = firstExecutor.port;
      await firstExecutor.close();
      // With the executor gone, events cannot even be handed off: they stay in the outbox.
      const undelivered = await submitBatch(app, 4, "Undelivered", { parallel: true });
      const { outbox } = app.schema;
      const pending = (await app.db.select().from(outbox).where(inArray(outbox.name, ["enquiry/submitted"]))).filter(
        (row) => row.dispatchedAt === null && undelivered.includes(String(row.data.enquiryId)),
      );
      expect(pending).toHaveLength(4);
      const stranded = await outcomes(app, [...lostRuns, ...undelivered]);
      expect(stranded.rows.map((row) => row.status)).toEqual(stranded.rows.map(() => "queued"));

      // A new executor on the same address (the app's INNGEST_BASE_URL), and the app back up. The
      // cron's "stuck" test is measured in the app's clock, so move the app's clock on as well.
      vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
      vi.setSystemTime(Date.now() + 16 * 60_000);
      executor = await startInngestExecutor({ port, virtualTime: true });
      server = await serveRoutes({ "/api/inngest": app.inngestRoute });
      expect(await executor.registerApp(`${server.url}/api/inngest`)).toBe(true);
      await executor.waitForIdle(20_000);
      // Nothing happens on its own: the new executor never heard of these enquiries.
      expect((await outcomes(app, [...lostRuns, ...undelivered])).handedOver).toBe(0);

      // The every-minute safety net: re-sends the outbox and resubmits enquiries queued for 15 minutes.
      await executor.advanceTime("2m");
      await executor.waitForIdle(30_000);

      const all = [...done, ...lostRuns, ...undelivered];
      const result = await outcomes(app, all);
      expectSettled(result, all.length);
      expect(result.handedOver).toBe(all.length);
      expect(result.records).toBe(all.length);
      // Resubmitting can run an enquiry twice; the Idempotency-Key keeps TPN's bill at one per enquiry.
      expect(sandbox.stats().billableCalls).toBe(all.length);
      const cron = executor.runs().filter((run) => run.functionId.endsWith("redispatch-outbox") && run.status === "completed");
      const outputs = cron.map((run) => run.output as { sent: number; resubmitted: number });
      expect(outputs.reduce((sum, output) => sum + output.sent, 0)).toBeGreaterThanOrEqual(4);
      expect(outputs.reduce((sum, output) => sum + output.resubmitted, 0)).toBeGreaterThanOrEqual(4);
      const redelivered = await app.db.select().from(outbox).where(inArray(outbox.name, ["enquiry/submitted"]));
      expect(redelivered.filter((row) => undelivered.includes(String(row.data.enquiryId))).every((row) => row.dispatchedAt !== null)).toBe(true);
    });
  });
});

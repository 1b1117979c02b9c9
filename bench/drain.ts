/**
 * Drain benchmark: how long the durable workflow takes to get N queued enquiries through TPN at a
 * quota of Q enquiries per second, against the ideal N/Q; whether any is lost (not settled), billed
 * twice (sandbox billable calls minus stored records), and how often TPN answered 429.
 *
 *   npm run bench:drain -- [--n 200] [--quota 5] [--latency 200-600] [--error-rate 0] [--timeout-rate 0] [--submit direct|http]
 *
 * Runs in one process: the Inngest executor in real time, the TPN sandbox (quota Q per second, the
 * given latency per enquiry), a Pusher stand-in, and the app's route handlers (/api/inngest and
 * /api/enquiries) behind the plain HTTP front the integration tests use, with TPN_RATE_LIMIT_PER_SECOND=Q
 * (the workflow's throttle). The database is a scratch database on the local PostgreSQL when one
 * answers, else the embedded PGlite in memory; rate limits are the in-process limiter.
 *
 * How the queue fills (`--submit`):
 * - `direct` (default): the N enquiries are written first (subject, consent and outbox row, as
 *   tests/helpers/enquiry-fixtures.ts does, plus the outbox event) and then handed to Inngest in one
 *   go through the app's outbox dispatcher, so the clock measures the drain alone.
 * - `http`: POST /api/enquiries with API tokens (one requester per 9 enquiries, each alone in an
 *   organisation, so the limit of 10 an hour per user is never met), as fast as the app accepts them;
 *   intake and drain overlap, as in production.
 *
 * Bounded: stops waiting after max(60 s, 4 x N/Q); the whole run gives up after 20 minutes.
 * All traffic stays on 127.0.0.1.
 */
import path from "node:path";
import { startInngestExecutor } from "@/dev/inngest/executor";
import { startPusherServer } from "@/dev/pusher/server";
import { startTpnSandbox } from "@/dev/tpn/server";
import { createDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createScratchDatabase, postgresAvailable } from "../tests/helpers/postgres";
import { serveRoutes, type RouteModule } from "../tests/helpers/route-server";
import { createRequesters, devEnvironment, enquiryBody, flag, machineDescription, numberFlag, out, percentile, saIdNumbers, sleep, table } from "./support";

const N = numberFlag("n", 200, { max: 5_000 });
const QUOTA = numberFlag("quota", 5, { max: 1_000 });
const [LATENCY_MIN, LATENCY_MAX] = flag("latency", "200-600").split("-").map(Number) as [number, number];
const ERROR_RATE = numberFlag("error-rate", 0, { min: 0, max: 1 });
const TIMEOUT_RATE = numberFlag("timeout-rate", 0, { min: 0, max: 1 });
const SUBMIT = flag("submit", "direct");
const SUBMIT_CONCURRENCY = 8;
const TPN_KEY = "tpn-bench-key";
const ROOT = path.resolve(import.meta.dirname, "..");
const SETTLED = ["scoring", "rendering", "ready", "failed", "expired"];

const giveUp = setTimeout(() => {
  out("drain benchmark: gave up after 20 minutes");
  process.exit(3);
}, 20 * 60_000);
giveUp.unref();

async function main() {
  if (!(LATENCY_MIN >= 0 && LATENCY_MAX >= LATENCY_MIN)) throw new RangeError("--latency must be min-max in ms");
  if (SUBMIT !== "direct" && SUBMIT !== "http") throw new RangeError("--submit must be direct or http");
  out("# bench:drain");
  out(`date: ${new Date().toISOString()}`);
  for (const line of machineDescription()) out(line);
  out(`settings: N=${N}, quota Q=${QUOTA}/s (sandbox quota and TPN_RATE_LIMIT_PER_SECOND), TPN latency ${LATENCY_MIN}-${LATENCY_MAX} ms, error rate ${ERROR_RATE}, timeout rate ${TIMEOUT_RATE}, submit ${SUBMIT}`);

  const dev = devEnvironment();
  const stops: Array<() => Promise<unknown>> = [];
  const scratch = (await postgresAvailable()) ? await createScratchDatabase() : undefined;
  let handle: DatabaseHandle | undefined;
  try {
    if (scratch) {
      handle = await createDatabase({ databaseUrl: scratch.url, pgliteDir: "memory://" });
      await migrateDatabase(handle, path.join(ROOT, "db/migrations"));
    }
    out(`database: ${scratch ? `scratch PostgreSQL database ${new URL(scratch.url).pathname.slice(1)}` : "embedded PGlite in memory (PostgreSQL did not answer)"}; rate limits in-process`);

    const sandbox = await startTpnSandbox({
      port: 0,
      apiKey: TPN_KEY,
      quotaPerSecond: QUOTA,
      latencyMs: [LATENCY_MIN, LATENCY_MAX],
      errorRate: ERROR_RATE,
      timeoutRate: TIMEOUT_RATE,
      hangMs: 30_000,
    });
    stops.push(() => sandbox.close());
    const executor = await startInngestExecutor({ port: 0, virtualTime: false, logLevel: "error", syncIntervalMs: 0 });
    stops.push(() => executor.close());
    const pusher = await startPusherServer({ port: 0, apps: [dev.pusherApp], logLevel: "silent" });
    stops.push(() => pusher.close());

    // The app reads its environment once, when first imported: set it before any app module loads.
    Object.assign(process.env, dev.env, {
      LOG_LEVEL: "silent",
      ...(scratch ? { DATABASE_URL: scratch.url } : { PGLITE_DIR: "memory://" }),
      INNGEST_DEV: "1",
      INNGEST_BASE_URL: executor.url,
      TPN_API_URL: sandbox.url,
      TPN_API_KEY: TPN_KEY,
      TPN_RATE_LIMIT_PER_SECOND: String(QUOTA),
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(pusher.port),
      PUSHER_USE_TLS: "false",
      SMTP_URL: "smtp://127.0.0.1:9",
    });
    delete process.env.UPSTASH_REDIS_REST_URL;
    const appDb = await import("@/db");
    stops.push(async () => (await appDb.getDatabaseHandle()).close());
    const db = await appDb.getDb();
    const { enquiries, enquiryEvents, bureauRecords } = await import("@/db/schema");
    const { sql, eq } = await import("drizzle-orm");
    const app = await serveRoutes({
      "/api/inngest": (await import("@/app/api/inngest/route")) as unknown as RouteModule,
      "/api/enquiries": await import("@/app/api/enquiries/route"),
    });
    stops.push(() => app.close());
    if (!(await executor.registerApp(`${app.url}/api/inngest`))) throw new Error("the executor could not sync the app");
    out(`running: app route handlers at ${app.url} (NODE_ENV=${process.env.NODE_ENV ?? "development"}), Inngest executor ${executor.url} (real time), TPN sandbox ${sandbox.url}`);

    const requesters = await createRequesters(db, Math.ceil(N / 9), Date.now().toString(36));
    const ids = saIdNumbers();
    const rejected: number[] = [];
    let started: number;
    if (SUBMIT === "direct") {
      const { consents, outbox } = await import("@/db/schema");
      const { registerSubject } = await import("@/lib/subjects/register-subject");
      const { enqueueEvent } = await import("@/lib/outbox/enqueue-event");
      const { dispatchOutbox } = await import("@/lib/outbox/dispatch-outbox");
      const prepared = Date.now();
      for (let index = 0; index < N; index += 1) {
        const owner = requesters[Math.floor(index / 9)];
        if (!owner) throw new Error("no requester");
        const identifier = ids.next().value;
        await db.transaction(async (tx) => {
          const subject = await registerSubject(tx, { kind: "individual", identifierKind: "sa-id", identifier });
          const id = crypto.randomUUID();
          await tx.insert(enquiries).values({
            id,
            organisationId: owner.organisationId,
            requestedBy: owner.userId,
            subjectId: subject.id,
            subjectType: "individual",
            identifierKind: "sa-id",
            identifierLast4: identifier.slice(-4),
            status: "queued",
          });
          await tx.insert(consents).values({
            enquiryId: id,
            subjectId: subject.id,
            kind: "granted",
            method: "signed_form",
            purpose: "TENANT_SCREENING",
            noticeVersion: "2026-12-v1",
            obtainedAt: new Date(Date.now() - 60_000),
            confirmedBy: owner.userId,
          });
          await tx.insert(enquiryEvents).values({ enquiryId: id, status: "queued", message: "Queued (benchmark)." });
          await enqueueEvent(tx, "enquiry/submitted", { enquiryId: id, organisationId: owner.organisationId });
        });
      }
      out(`prepared ${N} queued enquiries with their outbox events in ${((Date.now() - prepared) / 1000).toFixed(1)} s`);
      // The clock starts when the events reach Inngest; the enquiries' own timestamps are older, so
      // per-enquiry times below are measured from here too.
      started = Date.now();
      let sent = 0;
      while (sent < N) {
        const batch = await dispatchOutbox(db, { limit: 500 });
        if (batch === 0) throw new Error("the outbox did not dispatch");
        sent += batch;
      }
      const [left] = await db.select({ count: sql<number>`count(*)::int` }).from(outbox).where(sql`${outbox.dispatchedAt} is null`);
      out(`handed ${sent} events to Inngest in ${((Date.now() - started) / 1000).toFixed(1)} s (${left?.count ?? "?"} left in the outbox)`);
    } else {
      started = Date.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: SUBMIT_CONCURRENCY }, async () => {
          for (let index = next++; index < N; index = next++) {
            const requester = requesters[Math.floor(index / 9)];
            const response = await fetch(`${app.url}/api/enquiries`, {
              method: "POST",
              headers: { "content-type": "application/json", authorization: `Bearer ${requester?.token ?? ""}` },
              body: enquiryBody(ids.next().value, index),
            });
            await response.body?.cancel();
            if (response.status !== 202) rejected.push(response.status);
          }
        }),
      );
      out(`submitted ${N - rejected.length} of ${N} over HTTP in ${((Date.now() - started) / 1000).toFixed(1)} s${rejected.length ? ` (rejected: ${rejected.join(", ")})` : ""}`);
    }

    // Wait until every enquiry has settled (or the bound).
    const ideal = N / QUOTA;
    const deadline = started + Math.max(60, 4 * ideal) * 1000;
    const countSettled = async () => {
      const rows = await db.select({ status: enquiries.status, count: sql<number>`count(*)::int` }).from(enquiries).groupBy(enquiries.status);
      return { rows, settled: rows.filter((row) => SETTLED.includes(row.status)).reduce((sum, row) => sum + row.count, 0) };
    };
    let progress = await countSettled();
    let lastReport = Date.now();
    while (progress.settled < N - rejected.length && Date.now() < deadline) {
      await sleep(200);
      progress = await countSettled();
      if (Date.now() - lastReport >= 10_000) {
        lastReport = Date.now();
        out(`  ${((Date.now() - started) / 1000).toFixed(0)} s: ${progress.settled} settled`);
      }
    }
    const observed = (Date.now() - started) / 1000;
    // Wait for in-flight work (hand-over events, trailing replays) before reading the counters.
    await sleep(1_000);

    // Per enquiry: until it was handed over to scoring (or failed), from the timeline's timestamps.
    const timeline = await db
      .select({
        created: enquiries.createdAt,
        at: sql<Date | null>`min(${enquiryEvents.createdAt}) filter (where ${enquiryEvents.status} in ('scoring', 'failed'))`,
      })
      .from(enquiries)
      .innerJoin(enquiryEvents, eq(enquiryEvents.enquiryId, enquiries.id))
      .groupBy(enquiries.id, enquiries.createdAt);
    const settledRows = timeline.filter((row): row is { created: Date; at: Date } => row.at !== null);
    const since = (row: { created: Date }) => (SUBMIT === "direct" ? started : new Date(row.created).getTime());
    const firstCreated = Math.min(...timeline.map(since));
    const lastSettled = Math.max(...settledRows.map((row) => new Date(row.at).getTime()));
    const wall = settledRows.length > 0 ? (lastSettled - firstCreated) / 1000 : observed;
    const latencies = settledRows.map((row) => (new Date(row.at).getTime() - since(row)) / 1000).sort((a, b) => a - b);
    const [records] = await db.select({ count: sql<number>`count(*)::int` }).from(bureauRecords);
    const stats = sandbox.stats();
    const runs = executor.runs().filter((run) => run.functionId.endsWith("process-enquiry"));
    const failedRuns = runs.filter((run) => run.status === "failed").length;
    const retries = runs.reduce((sum, run) => sum + run.steps.reduce((steps, step) => steps + Math.max(0, step.attempts - 1), 0), 0);
    // process-enquiry allows 6 retries: a step at 7 attempts has used them all.
    const worstStep = Math.max(0, ...runs.flatMap((run) => run.steps.map((step) => step.attempts)));
    const byStatus = Object.fromEntries(progress.rows.map((row) => [row.status, row.count]));
    const failures = await db
      .select({ code: enquiries.failureCode, count: sql<number>`count(*)::int` })
      .from(enquiries)
      .where(eq(enquiries.status, "failed"))
      .groupBy(enquiries.failureCode);
    const lost = N - rejected.length - progress.settled;

    out("");
    out(
      table(
        ["N", "Q/s", "ideal N/Q s", "wall s", "ideal/wall", "lost", "duplicates", "429s", "5xx", "TPN requests", "billable", "records", "handed over", "failed"],
        [
          [
            N,
            QUOTA,
            ideal.toFixed(1),
            wall.toFixed(1),
            `${((ideal / wall) * 100).toFixed(0)} %`,
            lost,
            stats.billableCalls - (records?.count ?? 0),
            stats.byStatus[429] ?? 0,
            (stats.byStatus[500] ?? 0) + (stats.byStatus[503] ?? 0),
            stats.requests,
            stats.billableCalls,
            records?.count ?? 0,
            (byStatus.scoring ?? 0) + (byStatus.rendering ?? 0) + (byStatus.ready ?? 0),
            byStatus.failed ?? 0,
          ],
        ],
      ),
    );
    out("");
    out(`per-enquiry time from ${SUBMIT === "direct" ? "dispatch" : "submission"} to hand-over (or failure): p50 ${percentile(latencies, 50).toFixed(1)} s, p99 ${percentile(latencies, 99).toFixed(1)} s, max ${(latencies.at(-1) ?? Number.NaN).toFixed(1)} s`);
    out(`enquiries by status: ${progress.rows.map((row) => `${row.status}=${row.count}`).join(", ")}${failures.length ? `; failed by code: ${failures.map((row) => `${row.code ?? "?"}=${row.count}`).join(", ")}` : ""}`);
    out(`workflow: ${runs.length} process-enquiry runs (${failedRuns} failed), ${retries} step retries, most attempts of one step ${worstStep} (of 7 allowed); TPN sandbox: ${stats.replays} idempotent replays, ${stats.hung} hung responses, statuses ${JSON.stringify(stats.byStatus)}`);
    if (lost > 0) out(`NOT SETTLED after ${observed.toFixed(0)} s: ${lost} enquiries`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await handle?.close().catch(() => undefined);
    await scratch?.drop().catch(() => undefined);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    out(`drain benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);

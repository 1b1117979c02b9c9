/**
 * Intake benchmark: how fast the production build accepts enquiries (POST /api/enquiries), next to the
 * cheapest authenticated read on the same server (GET /api/account) and the health check.
 *
 *   npm run bench:intake -- [--duration 10] [--connections 16] [--users 400] [--reuse-build] [--keep-db]
 *
 * Runs `next build` into .next-bench (skipped with --reuse-build when a build is there) and
 * `next start` on 127.0.0.1 against a scratch database on the local PostgreSQL (TEST_POSTGRES_URL or
 * postgres://postgres@127.0.0.1:5432/postgres), rate limits in the local Redis through the Upstash REST
 * shim (database 15; the in-process limiter if Redis does not answer, and it says so), Pusher through
 * its stand-in, and the Inngest executor (real time) plus the TPN sandbox (5 enquiries/s). The per-user
 * limits are not changed: requests rotate over `--users` requesters (each alone in an organisation,
 * with its own API token), which keeps every user under 10 enquiries an hour and 120 requests a minute.
 *
 * Phase A measures the intake alone: the executor accepts the events, but the app is not registered
 * with it yet, so nothing drains (service time at one connection, then `--connections`). Phase B
 * registers the app and measures again while the queue drains through the same server process.
 *
 * Bounded: each measurement runs `--duration` seconds; the whole run gives up after 20 minutes.
 * All traffic stays on 127.0.0.1.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { startInngestExecutor } from "@/dev/inngest/executor";
import { startPusherServer } from "@/dev/pusher/server";
import { startTpnSandbox } from "@/dev/tpn/server";
import { startUpstashShim } from "@/dev/upstash/server";
import { createDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createScratchDatabase, postgresAvailable, ADMIN_URL } from "../tests/helpers/postgres";
import { buildForProduction, productionEnv, startProductionServer, waitForHttp, type StartedServer } from "../tests/helpers/production-server";
import { createRequesters, devEnvironment, enquiryBody, hasFlag, machineDescription, numberFlag, out, saIdNumbers, sleep, table, type Requester } from "./support";

const DURATION_S = numberFlag("duration", 10, { max: 120 });
const CONNECTIONS = numberFlag("connections", 16, { max: 256 });
const USERS = numberFlag("users", 400, { min: 20, max: 5_000 });
const DIST_DIR = ".next-bench";
const TPN_KEY = "tpn-bench-key";
const TPN_QUOTA = 5;
const WARMUP_USERS = 10;
const ROOT = path.resolve(import.meta.dirname, "..");

const giveUp = setTimeout(() => {
  out("intake benchmark: gave up after 20 minutes");
  process.exit(3);
}, 20 * 60_000);
giveUp.unref();

interface Measurement {
  name: string;
  result: autocannon.Result;
}

async function measure(name: string, url: string, request: autocannon.Request, options: { duration?: number; amount?: number; connections?: number } = {}): Promise<Measurement> {
  const result = await autocannon({
    url,
    connections: options.connections ?? CONNECTIONS,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? DURATION_S }),
    timeout: 30,
    requests: [request],
  });
  return { name, result };
}

/** Round-robin over requesters, each used at most `perUser` times (then it starts again and would hit 429). */
function rotation(requesters: Requester[], perUser: number) {
  let next = 0;
  return {
    token(): string {
      const requester = requesters[next % requesters.length];
      next += 1;
      return requester?.token ?? "";
    },
    get exhausted() {
      return next > requesters.length * perUser;
    },
    get used() {
      return next;
    },
  };
}

function row({ name, result }: Measurement): Array<string | number> {
  const ok = result["2xx"];
  return [
    name,
    result.requests.average.toFixed(1),
    (ok / result.duration).toFixed(1),
    result.latency.p50.toFixed(1),
    result.latency.p99.toFixed(1),
    ok,
    result.non2xx,
    result.errors + result.timeouts,
  ];
}

async function main() {
  out("# bench:intake");
  out(`date: ${new Date().toISOString()}`);
  for (const line of machineDescription()) out(line);
  out(`settings: duration ${DURATION_S} s per route, ${CONNECTIONS} connections, ${USERS} requesters`);

  if (!(await postgresAvailable())) {
    out(`PostgreSQL does not answer at ${ADMIN_URL}: this benchmark needs a real server (set TEST_POSTGRES_URL).`);
    process.exitCode = 2;
    return;
  }
  const dev = devEnvironment();
  process.env.LOG_LEVEL = "silent";
  const stops: Array<() => Promise<unknown>> = [];
  let server: StartedServer | undefined;
  const scratch = await createScratchDatabase();
  let handle: DatabaseHandle | undefined;
  try {
    handle = await createDatabase({ databaseUrl: scratch.url, pgliteDir: "memory://" });
    await migrateDatabase(handle, path.join(ROOT, "db/migrations"));
    out(`database: scratch PostgreSQL database ${new URL(scratch.url).pathname.slice(1)} (migrated), node-postgres pool of 10 in the server`);

    const sandbox = await startTpnSandbox({ port: 0, apiKey: TPN_KEY, quotaPerSecond: TPN_QUOTA, latencyMs: [200, 600] });
    stops.push(() => sandbox.close());
    const executor = await startInngestExecutor({ port: 0, virtualTime: false, logLevel: "error", syncIntervalMs: 0 });
    stops.push(() => executor.close());
    const pusher = await startPusherServer({ port: 0, apps: [dev.pusherApp], logLevel: "silent" });
    stops.push(() => pusher.close());
    let rateLimiter = "Upstash REST shim -> local Redis (db 15)";
    // Production requires a URL; if Redis is down, a closed port makes the app fall back to in-process limits.
    let upstashUrl = "http://127.0.0.1:9";
    try {
      const shim = await startUpstashShim({ port: 0, token: dev.upstashToken, redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379/15", logLevel: "silent" });
      stops.push(() => shim.close());
      upstashUrl = shim.url;
    } catch (error) {
      rateLimiter = `in-process (Redis did not answer: ${error instanceof Error ? error.message : String(error)})`;
    }
    out(`rate limiter: ${rateLimiter}`);
    out(`running beside the server: Inngest executor (real time) ${executor.url}, TPN sandbox ${sandbox.url} (quota ${TPN_QUOTA}/s, latency 200-600 ms), Pusher stand-in`);

    const built = existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"));
    if (hasFlag("reuse-build") && built) {
      out(`build: reusing ${DIST_DIR}`);
    } else {
      const started = Date.now();
      await buildForProduction(DIST_DIR);
      out(`build: next build into ${DIST_DIR} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }

    server = await startProductionServer(
      productionEnv({
        NEXT_DIST_DIR: DIST_DIR,
        DATABASE_URL: scratch.url,
        UPSTASH_REDIS_REST_URL: upstashUrl,
        UPSTASH_REDIS_REST_TOKEN: dev.upstashToken,
        TPN_API_URL: sandbox.url,
        TPN_API_KEY: TPN_KEY,
        TPN_RATE_LIMIT_PER_SECOND: String(TPN_QUOTA),
        INNGEST_DEV: "1",
        INNGEST_BASE_URL: executor.url,
        PUSHER_HOST: "127.0.0.1",
        PUSHER_PORT: String(pusher.port),
        PUSHER_USE_TLS: "false",
        // Nothing here sends mail (consent is attested); a closed local port keeps it that way.
        SMTP_URL: "smtp://127.0.0.1:9",
        LOG_LEVEL: "warn",
      }),
    );
    const running = server;
    stops.push(() => running.stop());
    await waitForHttp(`${server.url}/api/health`, server);
    out(`server: next start (NODE_ENV=production) at ${server.url}`);

    // Requesters are written by this process through the app's own services, into the same database.
    Object.assign(process.env, dev.env, { DATABASE_URL: scratch.url, PUSHER_APP_ID: "" });
    const requesters = await createRequesters(handle.db, USERS, Date.now().toString(36));
    const warmupUsers = requesters.slice(0, WARMUP_USERS);
    const measuredUsers = requesters.slice(WARMUP_USERS);
    const ids = saIdNumbers();
    let bodyIndex = 0;

    const postRequest = (users: ReturnType<typeof rotation>): autocannon.Request => ({
      method: "POST",
      path: "/api/enquiries",
      setupRequest: (request) => {
        bodyIndex += 1;
        return {
          ...request,
          headers: { "content-type": "application/json", authorization: `Bearer ${users.token()}` },
          body: enquiryBody(ids.next().value, bodyIndex),
        };
      },
    });
    const accountRequest = (users: ReturnType<typeof rotation>): autocannon.Request => ({
      method: "GET",
      path: "/api/account",
      setupRequest: (request) => ({ ...request, headers: { authorization: `Bearer ${users.token()}` } }),
    });
    const healthRequest: autocannon.Request = { method: "GET", path: "/api/health" };

    // Phase A, intake alone: the executor takes the events, but the app is not registered with it yet,
    // so nothing runs and the server does nothing but answer requests.
    // Warm-up (not reported): the first request to each route loads its code.
    await measure("warm-up health", server.url, healthRequest, { amount: 50 });
    await measure("warm-up account", server.url, accountRequest(rotation(warmupUsers, 100)), { amount: 200 });
    await measure("warm-up enquiries", server.url, postRequest(rotation(warmupUsers, 9)), { amount: WARMUP_USERS * 8 });
    await sleep(1_000);

    // Service time: one connection, so nothing queues in front of a request.
    const single: Measurement[] = [];
    const singleOptions = { amount: 100, connections: 1 };
    single.push(await measure("GET /api/health", server.url, healthRequest, singleOptions));
    single.push(await measure("GET /api/account", server.url, accountRequest(rotation(measuredUsers, 100)), singleOptions));
    single.push(await measure("POST /api/enquiries", server.url, postRequest(rotation(measuredUsers.slice(0, 20), 9)), singleOptions));
    await sleep(1_000);

    const writers = measuredUsers.slice(20);
    const half = Math.floor(writers.length / 2);
    const alone: Measurement[] = [];
    alone.push(await measure("GET /api/health", server.url, healthRequest));
    alone.push(await measure("GET /api/account", server.url, accountRequest(rotation(measuredUsers, 100))));
    const writesAlone = rotation(writers.slice(0, half), 9);
    alone.push(await measure("POST /api/enquiries", server.url, postRequest(writesAlone)));

    // Phase B, intake while the queue drains: the app registers, and the workflow's steps (TPN fetch,
    // then the report: scoring and PDF rendering) run in the same server process as the requests.
    if (!(await executor.registerApp(`${server.url}/api/inngest`))) throw new Error(`the executor could not sync the app:\n${server.output()}`);
    const draining: Measurement[] = [];
    const writesDraining = rotation(writers.slice(half), 9);
    draining.push(await measure("POST /api/enquiries", server.url, postRequest(writesDraining)));
    draining.push(await measure("GET /api/account", server.url, accountRequest(rotation(measuredUsers.slice().reverse(), 100))));
    for (const writes of [writesAlone, writesDraining]) {
      if (writes.exhausted) out(`note: a POST run sent more than ${half * 9} enquiries; later ones met the per-user limit (see non-2xx); raise --users`);
    }

    const headers = ["route", "req/s (mean)", "2xx/s", "p50 ms", "p99 ms", "2xx", "non-2xx", "errors"];
    out("");
    out(`A. intake alone (app not registered with the executor: nothing drains)`);
    out(`A1. one connection, 100 requests each (service time):`);
    out(table(headers, single.map(row)));
    out("");
    out(`A2. ${CONNECTIONS} connections, ${DURATION_S} s each:`);
    out(table(headers, alone.map(row)));
    out("");
    out(`B. ${CONNECTIONS} connections, ${DURATION_S} s each, while the queue drains through the same server (TPN quota ${TPN_QUOTA}/s):`);
    out(table(headers, draining.map(row)));
    const ratio = (name: string, post: autocannon.Result | undefined, account: autocannon.Result | undefined) => {
      if (!post || !account) return;
      out(`${name}: POST /api/enquiries vs GET /api/account: throughput ${(post.requests.average / account.requests.average).toFixed(3)}x, p50 ${(post.latency.p50 / account.latency.p50).toFixed(1)}x, p99 ${(post.latency.p99 / account.latency.p99).toFixed(1)}x`);
    };
    out("");
    ratio("A1 (one connection)", single[2]?.result, single[1]?.result);
    ratio(`A2 (${CONNECTIONS} connections)`, alone[2]?.result, alone[1]?.result);
    ratio(`B (${CONNECTIONS} connections, draining)`, draining[0]?.result, draining[1]?.result);
    for (const [phase, measurements] of [["A2", alone], ["B", draining]] as const) {
      for (const { name, result } of measurements) {
        const codes = Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => `${code}: ${stat.count ?? 0}`);
        out(`status codes, ${phase} ${name}: ${codes.join(", ")}`);
      }
    }

    // The queue behind the intake: what the executor and TPN did meanwhile.
    const { enquiries } = await import("@/db/schema");
    const { sql } = await import("drizzle-orm");
    const byStatus = await handle.db.select({ status: enquiries.status, count: sql<number>`count(*)::int` }).from(enquiries).groupBy(enquiries.status);
    const runs = executor.runs().filter((run) => run.functionId.endsWith("process-enquiry"));
    const stats = sandbox.stats();
    out("");
    out(`queue at the end: enquiries by status ${byStatus.map((entry) => `${entry.status}=${entry.count}`).join(", ")}; process-enquiry runs ${runs.length} (${runs.filter((run) => run.status === "completed").length} completed); TPN sandbox billable ${stats.billableCalls}, 429s ${stats.byStatus[429] ?? 0}`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await handle?.close().catch(() => undefined);
    if (hasFlag("keep-db")) out(`kept database ${scratch.url}`);
    else await scratch.drop().catch(() => undefined);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    out(`intake benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);

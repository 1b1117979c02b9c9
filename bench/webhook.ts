/**
 * WhatsApp webhook benchmark: how fast the production build acknowledges Meta's deliveries
 * (POST /api/whatsapp/webhook) at a steady arrival rate, and whether the work behind the 200 gets done.
 *
 *   npm run bench:webhook -- [--rate 200] [--duration 20] [--contacts 2000] [--message-share 0.25]
 *                            [--warmup <messages>] [--warmup-rate 50] [--drain-timeout 60] [--flush-timeout 300]
 *                            [--same-process] [--reuse-build] [--keep-db] [--no-write]
 *
 * Runs `next build` into .next-test-bench-webhook (skipped with --reuse-build when a build is there; the
 * `.next-test-*` name keeps the build out of git, tsc and eslint) and `next start` on 127.0.0.1 against a
 * scratch database on the local PostgreSQL, with the production environment (lib/env.ts names): the
 * WhatsApp Cloud API sandbox as WHATSAPP_API_URL (the bot's replies go there), the Inngest executor
 * stand-in in real time (registered: deliveries are handled while they arrive, by a second `next start`
 * of the same build, as Inngest Cloud calls instances of their own; `--same-process` runs them in the
 * webhook's server instead), rate limits in the local Redis through the Upstash REST shim, Pusher and
 * TPN stand-ins.
 *
 * The load plays Meta: Meta-shaped bodies (dev/whatsapp/webhook-payloads.ts) signed with
 * X-Hub-Signature-256 = sha256=HMAC-SHA256(app secret, raw body), every message id unique, sent
 * open-loop from a worker thread: request i leaves at start + i / rate whether or not earlier ones
 * were answered, and its latency is counted from that intended time (no coordinated omission).
 *
 * - Warm-up (not reported): first messages from half the contacts at `--warmup-rate`, one per reply the
 *   measured statuses will need. The run waits until the bot has answered them all (the outbox is sent
 *   to Inngest from here meanwhile, so the measurement starts without a backlog).
 * - Measured (`--duration` s at `--rate`): a mix like a live number's steady state. Each message the
 *   bot answers brings three status callbacks (sent, delivered, read), so by default 1 delivery in 4 is
 *   a text message (from any of `--contacts` numbers: half known from the warm-up, half writing for the
 *   first time) and 3 in 4 are statuses for the warm-up's replies (real outbound wamids).
 * - Drain: first the app alone for `--drain-timeout` s (its after-response outbox dispatch and its
 *   once-a-minute outbox cron), then, if work is left, this process sends the outbox to Inngest
 *   continuously until everything stored has been handled (at most `--flush-timeout` s): that shows
 *   whether a fast 200 lost anything.
 *
 * Bounded: the whole run gives up after 30 minutes. All traffic stays on 127.0.0.1.
 */
import { randomInt } from "node:crypto";
import { setMaxListeners } from "node:events";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { startInngestExecutor } from "@/dev/inngest/executor";
import type { LogFields, Logger } from "@/dev/inngest/logger";
import { startPusherServer } from "@/dev/pusher/server";
import { startTpnSandbox } from "@/dev/tpn/server";
import { startUpstashShim } from "@/dev/upstash/server";
import { newConversationId, newWamid } from "@/dev/whatsapp/ids";
import { startWhatsAppSandbox, type RecordedOutbound } from "@/dev/whatsapp/server";
import { inboundPayload, statusPayload, type BusinessNumber } from "@/dev/whatsapp/webhook-payloads";
import { signatureFor } from "@/dev/whatsapp/webhook-sender";
import type { WebhookStatus } from "@/dev/whatsapp/types";
import { createDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createScratchDatabase, postgresAvailable, ADMIN_URL } from "../tests/helpers/postgres";
import { buildForProduction, productionEnv, startProductionServer, waitForHttp, type StartedServer } from "../tests/helpers/production-server";
import { devEnvironment, flag, hasFlag, machineDescription, numberFlag, out, percentile, sleep, table } from "./support";

const RATE = numberFlag("rate", 200, { max: 5_000 });
const DURATION_S = numberFlag("duration", 20, { max: 300 });
/** Warm-up messages (default: one per reply the measured statuses need, at least 200) and their rate. */
const WARMUP_MESSAGES = flag("warmup", "") === "" ? undefined : numberFlag("warmup", 200, { min: 1, max: 100_000 });
const WARMUP_RATE = numberFlag("warmup-rate", 50, { max: 5_000 });
const SAME_PROCESS = hasFlag("same-process");
const WARMUP_TIMEOUT_S = numberFlag("warmup-timeout", 300, { min: 0, max: 900 });
const CONTACTS = numberFlag("contacts", 2_000, { min: 10, max: 100_000 });
const MESSAGE_SHARE = numberFlag("message-share", 0.25, { min: 0, max: 1 });
const DRAIN_TIMEOUT_S = numberFlag("drain-timeout", 60, { min: 0, max: 900 });
const FLUSH_TIMEOUT_S = numberFlag("flush-timeout", 300, { min: 0, max: 900 });
const REQUEST_TIMEOUT_MS = 30_000;
const DIST_DIR = ".next-test-bench-webhook";
const TPN_KEY = "tpn-bench-key";
const ROOT = path.resolve(import.meta.dirname, "..");
const DOC = path.join(ROOT, "docs/benchmarks.md");
const START = "<!-- bench:webhook:start -->";
const END = "<!-- bench:webhook:end -->";

// The WhatsApp sandbox waits on one abort signal per reply in flight; a thousand of them are expected here.
setMaxListeners(100_000);

const giveUp = setTimeout(() => {
  out("webhook benchmark: gave up after 30 minutes");
  process.exit(3);
}, 30 * 60_000);
giveUp.unref();

// ---- the open-loop driver (a worker thread, so the stand-ins in this process cannot delay its clock)

interface Delivery {
  body: string;
  signature: string;
}

interface DriverResult {
  /** Per request, in send order: ms from the intended send time to the last byte of the answer (NaN: no answer). */
  latency: number[];
  /** ms from the actual send to the answer: the server's part without the driver's own lag. */
  service: number[];
  /** ms the driver sent late (timer slack, busy CPU). */
  lag: number[];
  status: number[];
  received: number[];
  /** Requests without an answer (connection errors, timeouts), by request index. */
  errors: Array<{ index: number; error: string }>;
  /** performance.now() in the worker: first intended send, last send, last answer. */
  startedAt: number;
  lastSentAt: number;
  endedAt: number;
  wallStartedAt: number;
  /** Most requests waiting for their answer at once. */
  maxInFlight: number;
}

// Plain JavaScript (eval worker): no loader involved, nothing shared with this process's event loop.
const DRIVER_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const { url, deliveries, intervalMs, timeoutMs } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 4096, keepAliveMsecs: 1000 });
const n = deliveries.length;
const latency = new Array(n).fill(NaN), service = new Array(n).fill(NaN), lag = new Array(n).fill(0);
const status = new Array(n).fill(0), received = new Array(n).fill(0), errors = [];
let finished = 0, next = 0, lastSentAt = 0, endedAt = 0, maxInFlight = 0;
const startedAt = performance.now() + 20;
const wallStartedAt = Date.now() + 20;
function done() {
  agent.destroy();
  parentPort.postMessage({ latency, service, lag, status, received, errors, startedAt, lastSentAt, endedAt, wallStartedAt, maxInFlight });
}
function settle(i, code, text, error) {
  if (status[i] !== 0 || !Number.isNaN(latency[i]) || errors.some((e) => e.index === i)) return;
  const now = performance.now();
  endedAt = Math.max(endedAt, now);
  if (error) { errors.push({ index: i, error }); status[i] = -1; }
  else {
    status[i] = code;
    latency[i] = now - (startedAt + i * intervalMs);
    service[i] = now - (startedAt + i * intervalMs + lag[i]);
    const match = /"received":(\d+)/.exec(text);
    received[i] = match ? Number(match[1]) : 0;
  }
  finished += 1;
  if (finished === n) done();
}
function send(i) {
  const now = performance.now();
  lag[i] = now - (startedAt + i * intervalMs);
  lastSentAt = now;
  maxInFlight = Math.max(maxInFlight, i + 1 - finished);
  const d = deliveries[i];
  const body = Buffer.from(d.body, "utf8");
  const request = http.request({
    agent, host: target.hostname, port: target.port, path: target.pathname, method: "POST", timeout: timeoutMs,
    headers: { "content-type": "application/json", "content-length": body.length, "user-agent": "facebookexternalua", "x-hub-signature-256": d.signature },
  }, (response) => {
    const chunks = [];
    response.on("data", (chunk) => chunks.push(chunk));
    response.on("end", () => settle(i, response.statusCode || 0, Buffer.concat(chunks).toString("utf8")));
    response.on("error", (error) => settle(i, 0, "", error.code || error.message));
  });
  request.on("timeout", () => request.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
  request.on("error", (error) => settle(i, 0, "", error.code || error.message));
  request.end(body);
}
function tick() {
  const now = performance.now();
  while (next < n && startedAt + next * intervalMs <= now) send(next++);
  if (next < n) setTimeout(tick, Math.max(0, startedAt + next * intervalMs - performance.now()));
}
if (n === 0) done(); else setTimeout(tick, 20);
`;

function drive(url: string, deliveries: Delivery[], rate: number): Promise<DriverResult & { errorsByCode: Map<string, number> }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(DRIVER_SOURCE, { eval: true, workerData: { url, deliveries, intervalMs: 1000 / rate, timeoutMs: REQUEST_TIMEOUT_MS } });
    worker.once("message", (message: DriverResult) => {
      const errorsByCode = new Map<string, number>();
      for (const { error } of message.errors) errorsByCode.set(error, (errorsByCode.get(error) ?? 0) + 1);
      void worker.terminate();
      resolve({ ...message, errorsByCode });
    });
    worker.once("error", reject);
  });
}

// ---- what Meta would send

const FIRST_NAMES = ["Thandi", "Sipho", "Lerato", "Johan", "Ayesha", "Pieter", "Nomvula", "Kagiso", "Anele", "Charlene", "Bongani", "Zanele", "Riaan", "Fatima", "Lindiwe", "Themba", "Naledi", "Marius", "Priya", "Mpho"];
const SURNAMES = ["Dlamini", "Nkosi", "van der Merwe", "Botha", "Naidoo", "Mokoena", "Khumalo", "Pillay", "Smith", "Ndlovu", "Jacobs", "Mahlangu", "Pretorius", "Adams", "Sithole"];
const TEXTS = ["Hi", "Hello", "MENU", "HELP", "Hi there", "Good morning", "Is my report ready?", "CHECK", "Thanks", "hello?", "What can you do?", "Menu please"];

interface Contact {
  number: string;
  name: string;
}

/** Distinct South African mobile numbers (27 + 6x/7x/8x + 7 digits), random per run so Redis keys never collide with an earlier run. */
function contacts(count: number): Contact[] {
  const prefixes = ["60", "61", "62", "71", "72", "73", "76", "79", "81", "82", "83", "84"];
  const seen = new Set<string>();
  const list: Contact[] = [];
  while (list.length < count) {
    const number = `27${prefixes[randomInt(prefixes.length)] ?? "82"}${String(randomInt(10_000_000)).padStart(7, "0")}`;
    if (seen.has(number)) continue;
    seen.add(number);
    list.push({ number, name: `${FIRST_NAMES[randomInt(FIRST_NAMES.length)] ?? "Sam"} ${SURNAMES[randomInt(SURNAMES.length)] ?? "Smith"}` });
  }
  return list;
}

function messageDelivery(business: BusinessNumber, secret: string, contact: Contact, atMs: number): { delivery: Delivery; wamid: string } {
  const wamid = newWamid();
  const body = inboundPayload(business, {
    wamid,
    from: contact.number,
    profileName: contact.name,
    timestampSeconds: Math.floor(atMs / 1000),
    message: { type: "text", text: TEXTS[randomInt(TEXTS.length)] ?? "Hi" },
  });
  return { delivery: { body, signature: signatureFor(secret, body) }, wamid };
}

function statusDelivery(business: BusinessNumber, secret: string, outbound: { wamid: string; to: string; conversationId: string }, status: WebhookStatus, atMs: number): Delivery {
  const body = statusPayload(business, {
    wamid: outbound.wamid,
    status,
    recipientId: outbound.to,
    timestampSeconds: Math.floor(atMs / 1000),
    // Replies inside the customer service window: a free service conversation, as Meta reports it.
    ...(status === "read" ? {} : { conversation: { id: outbound.conversationId, category: "service" as const, billable: false } }),
  });
  return { body, signature: signatureFor(secret, body) };
}

// ---- CPU accounting from /proc (Linux)

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((sum, value) => sum + value, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** User+system CPU ticks of every process below this one (the `next start` tree). */
function childTreeTicks(): number {
  try {
    const parents = new Map<number, { ppid: number; ticks: number }>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        parents.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
      } catch {
        // the process ended meanwhile
      }
    }
    let ticks = 0;
    for (const info of parents.values()) {
      let parent = info.ppid;
      for (let depth = 0; depth < 10 && parent > 1; depth++) {
        if (parent === process.pid) {
          ticks += info.ticks;
          break;
        }
        parent = parents.get(parent)?.ppid ?? 0;
      }
    }
    return ticks;
  } catch {
    return Number.NaN;
  }
}

// ---- what the server's database connections are doing (pg_stat_activity, sampled)

interface ConnectionSample {
  samples: number;
  /** Per statement kind ("update outbox"): connection-samples, and how many of them were waiting on a lock or I/O. */
  byStatement: Map<string, { count: number; waiting: number }>;
}

/** Every 100 ms: each server connection to the scratch database and the statement it runs or last ran. */
function sampleConnections(url: string): { stop(): Promise<ConnectionSample> } {
  const result: ConnectionSample = { samples: 0, byStatement: new Map() };
  let running = true;
  const loop = (async () => {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      while (running) {
        const { rows } = await client.query<{ state: string | null; wait: string | null; query: string | null }>(
          "select state, wait_event_type as wait, left(query, 120) as query from pg_stat_activity where datname = current_database() and application_name <> 'bench-webhook' and backend_type = 'client backend'",
        );
        result.samples += 1;
        for (const row of rows) {
          const text = (row.query ?? "").replace(/\s+/g, " ").trim().toLowerCase();
          const match = /^(select|insert into|update|delete from)\s+.*?"?([a-z_]+)"?(?:\s|\(|$)/.exec(text.replace(/^select .*? from /, "select "));
          const kind = row.state === "idle in transaction" ? `${match ? `${match[1]} ${match[2]}` : text.split(" ")[0] ?? "?"} (idle in transaction)` : match ? `${match[1]} ${match[2]}` : text.split(" ")[0] || "?";
          const entry = result.byStatement.get(kind) ?? { count: 0, waiting: 0 };
          entry.count += 1;
          if (row.state === "active" && (row.wait === "Lock" || row.wait === "IO" || row.wait === "LWLock")) entry.waiting += 1;
          result.byStatement.set(kind, entry);
        }
        await sleep(100);
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop.catch(() => undefined);
      return result;
    },
  };
}

// ---- the run

interface RunCounters {
  completed: Map<string, number>;
  failed: Map<string, number>;
  retries: number;
  duplicateEvents: number;
  failures: Map<string, number>;
}

function countingLogger(counters: RunCounters): Logger {
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const shortId = (fields?: LogFields) => String(fields?.function_id ?? "?").replace(/^.*?-(handle-|notify-|process-)/, "$1");
  const on = (msg: string, fields?: LogFields) => {
    if (msg === "run.completed") bump(counters.completed, shortId(fields));
    else if (msg === "run.failed") {
      bump(counters.failed, shortId(fields));
      bump(counters.failures, `${shortId(fields)}: ${String(fields?.error_name ?? "?")}`);
    } else if (msg === "run.retry") counters.retries += 1;
    else if (msg === "event.duplicate") counters.duplicateEvents += 1;
  };
  return {
    debug: on,
    info: on,
    warn: on,
    error: (msg, fields) => {
      on(msg, fields);
      out(`inngest executor: ${msg} ${JSON.stringify(fields ?? {})}`);
    },
  };
}

const snapshot = (counters: RunCounters) => ({ completed: new Map(counters.completed), failed: new Map(counters.failed), retries: counters.retries, duplicateEvents: counters.duplicateEvents });
const delta = (now: Map<string, number>, before: Map<string, number>, key: string) => (now.get(key) ?? 0) - (before.get(key) ?? 0);

async function main() {
  const write = !hasFlag("no-write");
  const startedAt = new Date();
  out("# bench:webhook");
  out(`date: ${startedAt.toISOString()}`);
  const machineAtStart = machineDescription();
  for (const line of machineAtStart) out(line);
  out(`settings: ${RATE} deliveries/s open-loop for ${DURATION_S} s after a warm-up at ${WARMUP_RATE}/s, ${CONTACTS} contacts, message share ${MESSAGE_SHARE}, request timeout ${REQUEST_TIMEOUT_MS / 1000} s`);

  if (!(await postgresAvailable())) {
    out(`PostgreSQL does not answer at ${ADMIN_URL}: this benchmark needs a real server (set TEST_POSTGRES_URL).`);
    process.exitCode = 2;
    return;
  }
  const dev = devEnvironment();
  const wa = {
    phoneNumberId: dev.env.WHATSAPP_PHONE_NUMBER_ID ?? "100000000000001",
    displayNumber: dev.env.WHATSAPP_DISPLAY_NUMBER ?? "27600000000",
    accessToken: dev.env.WHATSAPP_ACCESS_TOKEN ?? "",
    appSecret: dev.env.WHATSAPP_APP_SECRET ?? "",
    verifyToken: dev.env.WHATSAPP_VERIFY_TOKEN ?? "",
  };
  if (!wa.accessToken || !wa.appSecret || !wa.verifyToken) throw new Error("the dev environment has no WhatsApp keys");
  const business: BusinessNumber = { businessAccountId: "200000000000001", phoneNumberId: wa.phoneNumberId, displayPhoneNumber: wa.displayNumber };

  const stops: Array<() => Promise<unknown>> = [];
  let server: StartedServer | undefined;
  const scratch = await createScratchDatabase();
  let handle: DatabaseHandle | undefined;
  try {
    // This process's own connections are named, so the sampler below can tell them from the server's.
    const ownUrl = new URL(scratch.url);
    ownUrl.searchParams.set("application_name", "bench-webhook");
    handle = await createDatabase({ databaseUrl: ownUrl.toString(), pgliteDir: "memory://" });
    await migrateDatabase(handle, path.join(ROOT, "db/migrations"));
    const db = handle.db;
    out(`database: scratch PostgreSQL database ${new URL(scratch.url).pathname.slice(1)} (migrated), node-postgres pool of 10 in the server`);

    const counters: RunCounters = { completed: new Map(), failed: new Map(), retries: 0, duplicateEvents: 0, failures: new Map() };
    const executor = await startInngestExecutor({ port: 0, virtualTime: false, syncIntervalMs: 0, logger: countingLogger(counters) });
    stops.push(() => executor.close());
    // No webhook URL: the sandbox takes the bot's replies but sends no status callbacks of its own;
    // the driver sends them (for these very messages) at the measured rate instead.
    const sandbox = await startWhatsAppSandbox({ port: 0, accessToken: wa.accessToken, appSecret: wa.appSecret, phoneNumberId: wa.phoneNumberId, displayPhoneNumber: wa.displayNumber, logLevel: "silent" });
    stops.push(() => sandbox.close());
    const tpn = await startTpnSandbox({ port: 0, apiKey: TPN_KEY, quotaPerSecond: 5, latencyMs: [200, 600] });
    stops.push(() => tpn.close());
    const pusher = await startPusherServer({ port: 0, apps: [dev.pusherApp], logLevel: "silent" });
    stops.push(() => pusher.close());
    let rateLimiter = "Upstash REST shim -> local Redis (db 15)";
    let upstashUrl = "http://127.0.0.1:9";
    try {
      const shim = await startUpstashShim({ port: 0, token: dev.upstashToken, redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379/15", logLevel: "silent" });
      stops.push(() => shim.close());
      upstashUrl = shim.url;
    } catch (error) {
      rateLimiter = `in-process (Redis did not answer: ${error instanceof Error ? error.message : String(error)})`;
    }
    out(`rate limiter: ${rateLimiter}`);
    out(`beside the server (this process): Inngest executor ${executor.url} (real time), WhatsApp sandbox ${sandbox.graphUrl}, TPN sandbox, Pusher stand-in; the load from a worker thread`);

    const built = existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"));
    if (hasFlag("reuse-build") && built) {
      out(`build: reusing ${DIST_DIR}`);
    } else {
      const buildStarted = Date.now();
      await buildForProduction(DIST_DIR);
      out(`build: next build into ${DIST_DIR} in ${((Date.now() - buildStarted) / 1000).toFixed(0)} s`);
    }

    const serverEnv = productionEnv({
        NEXT_DIST_DIR: DIST_DIR,
        DATABASE_URL: scratch.url,
        UPSTASH_REDIS_REST_URL: upstashUrl,
        UPSTASH_REDIS_REST_TOKEN: dev.upstashToken,
        TPN_API_URL: tpn.url,
        TPN_API_KEY: TPN_KEY,
        INNGEST_DEV: "1",
        INNGEST_BASE_URL: executor.url,
        PUSHER_HOST: "127.0.0.1",
        PUSHER_PORT: String(pusher.port),
        PUSHER_USE_TLS: "false",
        SMTP_URL: "smtp://127.0.0.1:9",
        WHATSAPP_API_URL: sandbox.graphUrl,
        WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
        WHATSAPP_DISPLAY_NUMBER: wa.displayNumber,
        WHATSAPP_ACCESS_TOKEN: wa.accessToken,
        WHATSAPP_APP_SECRET: wa.appSecret,
        WHATSAPP_VERIFY_TOKEN: wa.verifyToken,
        LOG_LEVEL: "warn",
      });
    server = await startProductionServer(serverEnv);
    const running = server;
    stops.push(() => running.stop());
    await waitForHttp(`${server.url}/api/health`, server);
    // Production: Inngest calls the functions on instances of their own, never the one answering Meta.
    // --same-process makes the webhook's server run them too (one Node process for everything).
    let functionsUrl = server.url;
    if (!SAME_PROCESS) {
      const worker = await startProductionServer(serverEnv);
      stops.push(() => worker.stop());
      await waitForHttp(`${worker.url}/api/health`, worker);
      functionsUrl = worker.url;
    }
    if (!(await executor.registerApp(`${functionsUrl}/api/inngest`))) throw new Error(`the executor could not sync the app:\n${server.output()}`);
    out(`server: next start (NODE_ENV=production) at ${server.url} takes the webhooks; ${SAME_PROCESS ? "it also runs the Inngest functions" : `a second one at ${functionsUrl} runs the Inngest functions`}`);
    const webhookUrl = `${server.url}/api/whatsapp/webhook`;

    // The outbox cron's work, done continuously from this process (the app's own dispatchOutbox, same
    // event ids, so Inngest drops what the server already sent). Used to settle the warm-up and, after
    // the app alone has had its time, to check that nothing stored was lost.
    Object.assign(process.env, dev.env, { LOG_LEVEL: "silent", DATABASE_URL: scratch.url, INNGEST_DEV: "1", INNGEST_BASE_URL: executor.url, INNGEST_EVENT_KEY: "bench" });
    const { dispatchOutbox } = await import("@/lib/outbox/dispatch-outbox");
    const startFlusher = () => {
      let flushing = true;
      let events = 0;
      const loop = (async () => {
        while (flushing) {
          const sentNow = await dispatchOutbox(db, { limit: 500 }).catch(() => 0);
          events += sentNow;
          if (sentNow === 0) await sleep(500);
        }
      })();
      return {
        async stop() {
          flushing = false;
          await loop;
          return events;
        },
      };
    };

    // Sanity: the subscription check, a forged signature, one real delivery answered by the bot.
    const challenge = await fetch(`${webhookUrl}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(wa.verifyToken)}&hub.challenge=bench-1`);
    if ((await challenge.text()) !== "bench-1") throw new Error(`webhook verification failed: ${challenge.status}`);
    const pool = contacts(CONTACTS);
    const probeContact = contacts(1)[0] ?? { number: "27820000000", name: "Probe" };
    const probe = messageDelivery(business, wa.appSecret, probeContact, Date.now());
    const forged = await fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": signatureFor("not-the-app-secret", probe.delivery.body) }, body: probe.delivery.body });
    await forged.body?.cancel();
    if (forged.status !== 401) throw new Error(`a forged signature got ${forged.status}, not 401`);
    const real = await fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": probe.delivery.signature }, body: probe.delivery.body });
    const realBody = await real.text();
    if (real.status !== 200) throw new Error(`a signed delivery got ${real.status}: ${realBody}`);
    await sandbox.waitForOutbound((message) => message.to === probeContact.number, 30_000);
    out(`sanity: verification echo ok, forged signature 401, signed delivery 200 ${realBody} and the bot replied`);

    // Warm-up: first messages from half the pool at a moderate rate, until the bot has answered them
    // all: the code is hot, the contacts exist, and their replies are the outbound messages the
    // measured statuses are about.
    const messageCount = Math.round(DURATION_S * RATE * MESSAGE_SHARE);
    const statusCount = Math.round(DURATION_S * RATE) - messageCount;
    const outboundNeeded = Math.ceil(statusCount / 3);
    const warmupCount = WARMUP_MESSAGES ?? Math.max(200, outboundNeeded);
    const known = pool.slice(0, Math.ceil(pool.length / 2));
    const warmupPlan = Array.from({ length: warmupCount }, (_, index) => messageDelivery(business, wa.appSecret, known[index % known.length] ?? probeContact, Date.now() + (index * 1000) / WARMUP_RATE).delivery);
    const warmup = await drive(webhookUrl, warmupPlan, WARMUP_RATE);
    const warmupOk = warmup.status.filter((code) => code === 200).length;
    const warmupLatency = sorted(warmup.latency);
    out(`warm-up: ${warmupCount} first messages at ${WARMUP_RATE}/s, ${warmupOk} answered 200, p50 ${percentile(warmupLatency, 50).toFixed(1)} ms, p99 ${percentile(warmupLatency, 99).toFixed(1)} ms`);
    const warmupWait = Date.now();
    const warmupFlusher = startFlusher();
    const quiet = await waitForQuietQueue(db, WARMUP_TIMEOUT_S * 1000);
    await warmupFlusher.stop();
    const warmupWaitS = (Date.now() - warmupWait) / 1000;
    const replies: RecordedOutbound[] = sandbox.outbound().filter((message) => message.to !== probeContact.number);
    out(`warm-up replies: ${replies.length} outbound messages at the sandbox ${warmupWaitS.toFixed(1)} s after the last answer (${quiet ? "queue quiet" : `queue NOT quiet after ${WARMUP_TIMEOUT_S} s`}; ${outboundNeeded} needed for ${statusCount} statuses)`);

    // The measured plan: statuses in blocks (sent, then delivered, then read for 100 messages at a time),
    // messages spread evenly among them.
    const phaseStart = Date.now() + 200;
    const outboundForStatuses = replies.slice(0, outboundNeeded).map((message) => ({ wamid: message.wamid, to: message.to, conversationId: newConversationId() }));
    let plausible = 0;
    while (outboundForStatuses.length < outboundNeeded) {
      // Not enough replies yet: statuses for messages this store never sent (Meta does that for
      // messages sent from another client of the same number); the app stores them and finds nothing to update.
      plausible += 1;
      outboundForStatuses.push({ wamid: newWamid(), to: pool[randomInt(pool.length)]?.number ?? probeContact.number, conversationId: newConversationId() });
    }
    const statusQueue: Array<{ outbound: (typeof outboundForStatuses)[number]; status: WebhookStatus }> = [];
    for (let offset = 0; offset < outboundForStatuses.length; offset += 100) {
      const block = outboundForStatuses.slice(offset, offset + 100);
      for (const status of ["sent", "delivered", "read"] as const) for (const outbound of block) statusQueue.push({ outbound, status });
    }
    statusQueue.length = statusCount;
    const plan: Delivery[] = [];
    const isMessage: boolean[] = [];
    const measuredWamids: string[] = [];
    let messagesPlaced = 0;
    let statusesPlaced = 0;
    let newContacts = 0;
    const knownNumbers = new Set(known.map((contact) => contact.number));
    for (let index = 0; index < messageCount + statusCount; index++) {
      const at = phaseStart + (index * 1000) / RATE;
      const messageDue = messagesPlaced < messageCount && (statusesPlaced >= statusCount || (messagesPlaced + 1) / messageCount <= (index + 1) / (messageCount + statusCount));
      if (messageDue) {
        const contact = pool[randomInt(pool.length)] ?? probeContact;
        if (!knownNumbers.has(contact.number)) {
          newContacts += 1;
          knownNumbers.add(contact.number);
        }
        const { delivery, wamid } = messageDelivery(business, wa.appSecret, contact, at);
        plan.push(delivery);
        isMessage.push(true);
        measuredWamids.push(wamid);
        messagesPlaced += 1;
      } else {
        const entry = statusQueue[statusesPlaced];
        if (!entry) throw new Error("status plan too short");
        plan.push(statusDelivery(business, wa.appSecret, entry.outbound, entry.status, at));
        isMessage.push(false);
        statusesPlaced += 1;
      }
    }
    out(`plan: ${messagesPlaced} text messages (${newContacts} from numbers writing for the first time) and ${statusesPlaced} statuses for ${outboundForStatuses.length} outbound messages (${plausible} of them not ours)`);

    const before = snapshot(counters);
    const repliesBefore = sandbox.outbound().length;
    const machineBefore = machineTicks();
    const serverBefore = childTreeTicks();
    const benchBefore = process.cpuUsage();
    const sampler = sampleConnections(ownUrl.toString());
    const measured = await drive(webhookUrl, plan, RATE);
    const connections = await sampler.stop();
    const phaseWallMs = measured.endedAt - measured.startedAt;
    const machineAfter = machineTicks();
    const serverAfter = childTreeTicks();
    const benchCpu = process.cpuUsage(benchBefore);
    const lastAnswerAt = Date.now();
    const loadAfterPhase = os.loadavg();

    // The drain: wait until what was stored has been handled.
    const { sql, inArray, and, eq, isNotNull } = await import("drizzle-orm");
    const { whatsappMessages, whatsappStatusEvents, outbox } = await import("@/db/schema");
    const statusWamids = [...new Set(outboundForStatuses.map((entry) => entry.wamid))];
    const countInbound = async () => {
      const [row] = await db
        .select({ stored: sql<number>`count(*)::int`, handled: sql<number>`count(${whatsappMessages.processedAt})::int` })
        .from(whatsappMessages)
        .where(and(eq(whatsappMessages.direction, "in"), inArray(whatsappMessages.wamid, measuredWamids)));
      return { stored: row?.stored ?? 0, handled: row?.handled ?? 0 };
    };
    const countStatuses = async () => {
      const [row] = await db
        .select({ stored: sql<number>`count(*)::int` })
        .from(whatsappStatusEvents)
        .where(and(inArray(whatsappStatusEvents.wamid, statusWamids), sql`${whatsappStatusEvents.receivedAt} >= ${new Date(phaseStart - 1_000).toISOString()}`));
      return row?.stored ?? 0;
    };
    const pendingOutbox = async () => {
      const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(outbox).where(sql`${outbox.dispatchedAt} is null`);
      return row?.count ?? 0;
    };
    const statusRuns = () => delta(counters.completed, before.completed, "handle-whatsapp-status") + delta(counters.failed, before.failed, "handle-whatsapp-status");
    const failedMessageRuns = () => delta(counters.failed, before.failed, "handle-whatsapp-message");
    const countHandled = async () => {
      const inbound = await countInbound();
      const statuses = await countStatuses();
      const outboxPending = await pendingOutbox();
      const done = inbound.handled + failedMessageRuns() >= inbound.stored && statusRuns() >= statuses && outboxPending === 0;
      return { inbound, statuses, statusRuns: statusRuns(), outboxPending, done, at: Date.now() };
    };
    const watch = async (label: string, timeoutS: number) => {
      const started = Date.now();
      let state = await countHandled();
      let lastProgress = Date.now();
      while (!state.done && Date.now() - started < timeoutS * 1000) {
        await sleep(1_000);
        state = await countHandled();
        if (Date.now() - lastProgress >= 15_000) {
          lastProgress = Date.now();
          out(`  ${label} +${((Date.now() - started) / 1000).toFixed(0)} s: ${state.inbound.handled}/${state.inbound.stored} messages answered, ${state.statusRuns}/${state.statuses} status runs finished, ${state.outboxPending} outbox rows waiting`);
        }
      }
      return state;
    };
    // 1. The app alone (its after-response dispatch and its once-a-minute outbox cron).
    const alone = await watch("drain", DRAIN_TIMEOUT_S);
    const aloneSeconds = (alone.at - lastAnswerAt) / 1000;
    // 2. Whether anything was lost: this process dispatches the outbox the way the cron does, but
    //    continuously, until every stored delivery has been handled.
    const afterAlone = snapshot(counters);
    let flushed = alone;
    let flushedEvents = 0;
    if (!alone.done) {
      const flusher = startFlusher();
      flushed = await watch("flush", FLUSH_TIMEOUT_S);
      flushedEvents = await flusher.stop();
    }
    const flushSeconds = (flushed.at - alone.at) / 1000;
    await sleep(500);
    const after = snapshot(counters);
    const [applied] = await db
      .select({ read: sql<number>`count(*) filter (where ${whatsappMessages.status} = 'read')::int`, total: sql<number>`count(*)::int` })
      .from(whatsappMessages)
      .where(and(eq(whatsappMessages.direction, "out"), inArray(whatsappMessages.wamid, statusWamids)));
    const answerTimes = await db
      .select({
        ms: sql<number>`extract(epoch from (${whatsappMessages.processedAt} - ${whatsappMessages.createdAt})) * 1000`,
        at: sql<number>`extract(epoch from ${whatsappMessages.processedAt}) * 1000`,
      })
      .from(whatsappMessages)
      .where(and(eq(whatsappMessages.direction, "in"), inArray(whatsappMessages.wamid, measuredWamids), isNotNull(whatsappMessages.processedAt)));
    const answerMs = answerTimes.filter((row) => Number(row.at) <= alone.at).map((row) => Number(row.ms)).sort((a, b) => a - b);
    const repliesTotal = sandbox.outbound().length - repliesBefore;

    // ---- results
    const ok = measured.status.filter((code) => code === 200).length;
    const byCode = new Map<string, number>();
    for (const code of measured.status) byCode.set(code === -1 ? "no answer" : String(code), (byCode.get(code === -1 ? "no answer" : String(code)) ?? 0) + 1);
    for (const [code, count] of measured.errorsByCode) byCode.set(code, count);
    byCode.delete("no answer");
    // A request without an answer (timeout, reset) counts as slower than any answer: it stays in the
    // percentiles instead of flattering them.
    const withUnanswered = (values: number[]) => values.map((value) => (Number.isNaN(value) ? Number.POSITIVE_INFINITY : value)).sort((a, b) => a - b);
    const latency = withUnanswered(measured.latency);
    const service = sorted(measured.service.filter((value) => Number.isFinite(value)));
    const lag = sorted(measured.lag);
    const sent = plan.length;
    const sendSpan = (measured.lastSentAt - measured.startedAt) / 1000;
    const offeredRate = sendSpan > 0 ? (sent - 1) / sendSpan : Number.NaN;
    const okRate = ok / (phaseWallMs / 1000);
    const acknowledged = measured.received.reduce((sum, value) => sum + value, 0);
    const ms = (value: number) => (value === Number.POSITIVE_INFINITY ? `>${REQUEST_TIMEOUT_MS}` : Number.isFinite(value) ? value.toFixed(1) : "n/a");
    const errors = sent - ok;
    const unanswered = measured.errors.length;

    const headline = table(
      ["deliveries", "offered /s", "200 /s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors"],
      [[sent, offeredRate.toFixed(1), okRate.toFixed(1), ms(percentile(latency, 50)), ms(percentile(latency, 90)), ms(percentile(latency, 99)), ms(latency.at(-1) ?? Number.NaN), errors]],
    );
    const messagesFailed = delta(after.failed, before.failed, "handle-whatsapp-message");
    const statusesFailed = delta(after.failed, before.failed, "handle-whatsapp-status");
    const okOf = (message: boolean) => measured.status.filter((code, index) => code === 200 && isMessage[index] === message).length;
    const receivedOf = (message: boolean) => measured.received.reduce((sum, value, index) => sum + (isMessage[index] === message ? value : 0), 0);
    const p99Of = (message: boolean) => ms(percentile(withUnanswered(measured.latency.filter((_, index) => isMessage[index] === message)), 99));
    const p50Of = (message: boolean) => ms(percentile(withUnanswered(measured.latency.filter((_, index) => isMessage[index] === message)), 50));
    const lost = flushed.inbound.stored - flushed.inbound.handled - delta(after.failed, before.failed, "handle-whatsapp-message") + (flushed.statuses - flushed.statusRuns);
    const work = table(
      ["kind", "sent", "200", "p50 ms", "p99 ms", "stored (answers)", "stored (database)", `handled by the app within ${DRAIN_TIMEOUT_S} s`, "handled in the end", "failed runs"],
      [
        ["text messages", messageCount, okOf(true), p50Of(true), p99Of(true), receivedOf(true), flushed.inbound.stored, `${alone.inbound.handled} answered`, `${flushed.inbound.handled} answered (${repliesTotal} replies reached the sandbox)`, messagesFailed],
        ["statuses", statusCount, okOf(false), p50Of(false), p99Of(false), receivedOf(false), flushed.statuses, `${alone.statusRuns} applied`, `${flushed.statusRuns} applied (${applied?.read ?? 0} of ${applied?.total ?? 0} replies now "read")`, statusesFailed],
      ],
    );
    const cpu = (() => {
      if (!machineBefore || !machineAfter) return "CPU: /proc/stat not readable";
      const ticksPerSecond = 100;
      const seconds = phaseWallMs / 1000;
      const machineBusy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
      const serverCores = (serverAfter - serverBefore) / ticksPerSecond / seconds;
      const benchCores = (benchCpu.user + benchCpu.system) / 1e6 / seconds;
      return `CPU during the measured phase: machine ${(machineBusy * 100).toFixed(0)} % busy (of ${os.availableParallelism()} cores); ${SAME_PROCESS ? "next-server" : "the two next-servers"} ${serverCores.toFixed(2)} cores, this process (driver, executor, sandboxes, shim) ${benchCores.toFixed(2)} cores; the rest is PostgreSQL, Redis and anything else on the machine`;
    })();
    const connectionTotal = [...connections.byStatement.values()].reduce((sum, entry) => sum + entry.count, 0);
    const connectionNote =
      connections.samples > 0 && connectionTotal > 0
        ? `The server's PostgreSQL connections during the measured phase (${connections.samples} samples of pg_stat_activity, ${(connectionTotal / connections.samples).toFixed(1)} connections on average; the statement each was running, or last ran while it sat idle in the pool or in Node): ${[...connections.byStatement.entries()]
            .sort((a, b) => b[1].count - a[1].count)
            .slice(0, 6)
            .map(([kind, entry]) => `${kind} ${((entry.count / connectionTotal) * 100).toFixed(0)} %${entry.waiting ? ` (${((entry.waiting / entry.count) * 100).toFixed(0)} % of it waiting on a lock or I/O)` : ""}`)
            .join(", ")}.`
        : "pg_stat_activity could not be sampled.";
    const topStatement = [...connections.byStatement.entries()].sort((a, b) => b[1].count - a[1].count)[0]?.[0] ?? "";
    const outboxDominates = topStatement === "update outbox";
    const codes = [...byCode.entries()].map(([code, count]) => `${code}: ${count}`).join(", ");
    const notes = [
      `Offered ${sent} deliveries open-loop at ${RATE}/s for ${DURATION_S} s (${messageCount} text messages from ${CONTACTS} numbers, ${newContacts} of them writing for the first time; ${statusCount} sent/delivered/read statuses for ${outboundForStatuses.length} earlier replies${plausible ? `, ${plausible} of them not ours` : ""}), each signed like Meta signs it; answers: ${codes}.`,
      `Latency is counted from each request's scheduled send time to the last byte of the answer (no coordinated omission). Without the driver's own lag (from the actual send): p50 ${ms(percentile(service, 50))} ms, p99 ${ms(percentile(service, 99))} ms; the driver sent late by p99 ${ms(percentile(lag, 99))} ms, max ${ms(lag.at(-1) ?? Number.NaN)} ms (its CPU is shared too); up to ${measured.maxInFlight} requests were waiting for their answer at once.`,
      `What the 200s stood for: the answers reported ${acknowledged} stored items; the database holds ${flushed.inbound.stored} of the ${messageCount} messages and ${flushed.statuses} of the ${statusCount} statuses.${unanswered > 0 ? ` The ${unanswered} deliveries without an answer within ${REQUEST_TIMEOUT_MS / 1000} s (counted as slower than ${REQUEST_TIMEOUT_MS} ms in the percentiles) were ${flushed.inbound.stored + flushed.statuses === sent ? "stored all the same: the server finished them after the driver had given up" : "not all stored"}; Meta would deliver them again, and the webhook would answer those as duplicates (unique wamid).` : ""}`,
      `The work behind the 200s (the bot's reply, applying the status) ran as Inngest functions ${SAME_PROCESS ? "in the same server process" : "on the second server"} while the load went on. The app alone: ${alone.done ? `everything handled ${aloneSeconds.toFixed(1)} s after the last answer` : `${alone.inbound.handled} of ${alone.inbound.stored} messages answered and ${alone.statusRuns} of ${alone.statuses} statuses applied ${aloneSeconds.toFixed(0)} s after the last answer, ${alone.outboxPending} outbox rows not yet sent to Inngest`}${answerMs.length > 0 ? `; the messages it did answer were answered p50 ${(percentile(answerMs, 50) / 1000).toFixed(1)} s, p99 ${(percentile(answerMs, 99) / 1000).toFixed(1)} s after they were stored` : ""}.`,
      alone.done
        ? `Nothing was left over: ${lost === 0 ? "no delivery lost" : `${lost} deliveries not handled`}.`
        : `Then this process sent the outbox to Inngest continuously (${flushedEvents} events; the cron's job, without its once-a-minute limit): ${flushed.done ? `everything was handled ${flushSeconds.toFixed(0)} s later, so nothing stored was lost` : `after ${flushSeconds.toFixed(0)} s still ${flushed.inbound.stored - flushed.inbound.handled} messages unanswered and ${flushed.statuses - flushed.statusRuns} statuses unapplied, ${flushed.outboxPending} outbox rows waiting`}.`,
      `Runs: handle-whatsapp-message ${delta(after.completed, before.completed, "handle-whatsapp-message")} completed / ${messagesFailed} failed, handle-whatsapp-status ${delta(after.completed, before.completed, "handle-whatsapp-status")} / ${statusesFailed}; ${after.retries - before.retries} step retries${counters.failures.size ? ` (failures: ${[...counters.failures.entries()].map(([key, count]) => `${key} x${count}`).join(", ")})` : ""}.`,
      `Outbox: during the load and the app's own drain it sent ${afterAlone.duplicateEvents - before.duplicateEvents} events to Inngest that it had sent before (each delivery hands only its own events to Inngest after its commit, \`dispatchOutboxEvents\`; the once-a-minute cron drains what a failed hand-off left, claiming rows with FOR UPDATE SKIP LOCKED; Inngest drops any repeat by event id).`,
      cpu + ".",
      connectionNote,
      `Warm-up (not in the numbers): ${warmupCount} first messages from ${Math.min(warmupCount, known.length)} numbers at ${WARMUP_RATE}/s, acknowledged p50 ${ms(percentile(warmupLatency, 50))} ms, p99 ${ms(percentile(warmupLatency, 99))} ms; ${quiet ? `all answered ${warmupWaitS.toFixed(0)} s after the last one, and then the measurement began` : `NOT all answered ${WARMUP_TIMEOUT_S} s after the last one; the measurement began anyway, behind that backlog`}.`,
    ];
    const loadAtEnd = `load average after the measured phase (1/5/15 min): ${loadAfterPhase.map((value) => value.toFixed(2)).join(" / ")}`;

    out("");
    out(headline);
    out("");
    out(work);
    out("");
    for (const note of notes) out(`- ${note}`);
    out(loadAtEnd);

    if (!write) return;
    const section = [
      START,
      "## WhatsApp webhook acknowledgement",
      "",
      `Command: \`npm run bench:webhook\` (${flagSummary()}). Date: ${startedAt.toISOString().slice(0, 10)}.`,
      "",
      `\`POST /api/whatsapp/webhook\` on the production build (\`next start\`${SAME_PROCESS ? ", one process that also runs the Inngest functions" : "; the Inngest functions run on a second \`next start\` of the same build, as Inngest Cloud calls instances of their own"}) against PostgreSQL, with the WhatsApp Cloud API sandbox taking the bot's replies and the Inngest executor stand-in running the handlers. Deliveries come open-loop from a worker thread at a constant ${RATE}/s.`,
      "",
      headline,
      "",
      work,
      "",
      ...notes.map((note) => `- ${note}`),
      "- What a 200 costs: the signature check on the raw bytes, then per message a rate-limit check in Redis, the contact (for a new number: a data key and the encrypted number) and one transaction with the sealed message, the contact's last-inbound time and an outbox row; per status one transaction with the status event and an outbox row. After the answer, `after()` hands that delivery's own outbox events to Inngest in the same process. The work itself (the bot's reply through the Graph API, applying a status) runs later as Inngest functions, here on the second server: it has its own Node process and connection pool but shares the machine's 2 cores and the PostgreSQL server with the webhook's, so its load still shows in the webhook's latency.",
      ...(outboxDominates
        ? [
            "- Where the time goes: the busiest statements on the server's connections are the outbox's (see the sample above), not the webhook's own inserts.",
          ]
        : []),
      "",
      "Machine:",
      "",
      ...machineAtStart.map((line) => `- ${line}`),
      `- ${loadAtEnd}`,
      END,
    ].join("\n");
    const existing = existsSync(DOC) ? readFileSync(DOC, "utf8") : "# Benchmarks\n";
    const startAt = existing.indexOf(START);
    const endAt = existing.indexOf(END);
    const updated = startAt !== -1 && endAt > startAt ? `${existing.slice(0, startAt)}${section}${existing.slice(endAt + END.length)}` : `${existing.replace(/\s*$/, "")}\n\n${section}\n`;
    writeFileSync(DOC, updated);
    out(`Wrote the "WhatsApp webhook acknowledgement" section of ${path.relative(process.cwd(), DOC)}`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await handle?.close().catch(() => undefined);
    if (hasFlag("keep-db")) out(`kept database ${scratch.url}`);
    else await scratch.drop().catch(() => undefined);
  }
}

function sorted(values: number[]): number[] {
  return values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
}

function flagSummary(): string {
  const given = process.argv.slice(2).filter((arg) => arg !== "--no-write");
  const settings = `${RATE}/s for ${DURATION_S} s after a warm-up at ${WARMUP_RATE}/s, ${CONTACTS} contacts, message share ${MESSAGE_SHARE}`;
  return given.length ? `${given.join(" ")}: ${settings}` : settings;
}

/** Until every stored inbound message has been answered and no outbox row waits, or the bound. */
async function waitForQuietQueue(db: DatabaseHandle["db"], timeoutMs: number): Promise<boolean> {
  const { sql, and, eq, isNull } = await import("drizzle-orm");
  const { outbox, whatsappMessages } = await import("@/db/schema");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [pending] = await db.select({ count: sql<number>`count(*)::int` }).from(outbox).where(isNull(outbox.dispatchedAt));
    const [unanswered] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(whatsappMessages)
      .where(and(eq(whatsappMessages.direction, "in"), isNull(whatsappMessages.processedAt)));
    if ((pending?.count ?? 0) === 0 && (unanswered?.count ?? 0) === 0) return true;
    await sleep(1_000);
  }
  return false;
}


main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    out(`webhook benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);

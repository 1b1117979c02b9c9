/**
 * A local stand-in for TPN that implements ../shared/specs/tpn-api.yaml: the same paths under /v1,
 * X-API-Key (401), request validation (400 / 422), Idempotency-Key replay and conflict (409),
 * RateLimit-* headers on every response and 429 + Retry-After over quota, deterministic reports per
 * subject (scenarios.ts), and a count of billable enquiries so tests can prove nothing was billed
 * twice. Faults on demand, changeable while running (setOptions):
 *
 * - errorRate: that share of new enquiries fails with 500 INTERNAL or 503 UNAVAILABLE (not billed).
 * - timeoutRate: that share of new enquiries is processed and billed, then the response hangs until
 *   the client gives up (or `hangMs`). This is the case idempotency exists for: a retry under the
 *   same key gets the stored report and is not billed again.
 * - outage: true / "503" answers 503 to everything; "reset" drops every connection unanswered.
 *
 * It never logs bodies: they hold ID numbers and bureau data.
 */
import { timingSafeEqual, createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { components } from "../../lib/tpn/schema";
import { idempotencyKeySchema } from "../../lib/tpn/schemas";
import { devLog } from "../dev-log";
import { fingerprint, IdempotencyStore, type StoredResponse } from "./idempotency";
import { mulberry32, type Random } from "./prng";
import { SecondQuota, type QuotaState } from "./quota";
import { buildCommercialReport, buildConsumerReport, type Envelope } from "./reports";
import { checkCommercialRequest, checkConsumerRequest, type RequestProblem } from "./validate-request";

type ErrorCode = components["schemas"]["Error"]["error"]["code"];

export interface TpnSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  apiKey: string;
  /** Added to every new enquiry, uniformly between min and max. Default [0, 0]. */
  latencyMs?: [number, number];
  /** Share (0-1) of new enquiries answered 500/503. */
  errorRate?: number;
  /** Share (0-1) of new enquiries that hang after being processed and billed. */
  timeoutRate?: number;
  /** Requests per second per API key before 429. Default 5. */
  quotaPerSecond?: number;
  outage?: boolean | "503" | "reset";
  /** Seeds latency and fault injection (report data is seeded by the subject's number). Default 1. */
  seed?: number;
  /** How long a hanging response waits before answering anyway. Default 120 s. */
  hangMs?: number;
  /** Charge per enquiry in ZAR, reported in `billing.amount`. */
  pricing?: { consumer: number; commercial: number };
  /** Milliseconds since the epoch; injectable so tests can age idempotency keys past 24 h. */
  clock?: () => number;
}

export interface TpnSandboxStats {
  /** Enquiries that produced a new report: what TPN would invoice. */
  billableCalls: number;
  /** HTTP requests received (connections dropped by a "reset" outage are in `droppedConnections`). */
  requests: number;
  /** Responses written, by status. */
  byStatus: Record<number, number>;
  /** Idempotent repeats answered from the store. */
  replays: number;
  /** Responses deliberately left hanging (timeoutRate). */
  hung: number;
  droppedConnections: number;
}

export type TpnSandboxSettings = Omit<TpnSandboxOptions, "port" | "host" | "clock">;

export interface TpnSandbox {
  /** Base URL including /v1: use as TPN_API_URL. */
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): TpnSandboxStats;
  setOptions(partial: Partial<TpnSandboxSettings>): void;
}

export const TPN_SANDBOX_BASE_PATH = "/v1";
const MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_PRICING = { consumer: 42.5, commercial: 96 };

function validateSettings(settings: Partial<TpnSandboxSettings>) {
  const rate = (name: string, value: number | undefined) => {
    if (value !== undefined && !(value >= 0 && value <= 1)) throw new RangeError(`${name} must be between 0 and 1`);
  };
  rate("errorRate", settings.errorRate);
  rate("timeoutRate", settings.timeoutRate);
  if (settings.quotaPerSecond !== undefined && !(Number.isInteger(settings.quotaPerSecond) && settings.quotaPerSecond >= 1)) {
    throw new RangeError("quotaPerSecond must be a positive integer");
  }
  const latency = settings.latencyMs;
  if (latency && !(latency[0] >= 0 && latency[1] >= latency[0])) throw new RangeError("latencyMs must be [min, max] with 0 <= min <= max");
  if (settings.apiKey !== undefined && settings.apiKey === "") throw new RangeError("apiKey must not be empty");
}

export async function startTpnSandbox(options: TpnSandboxOptions): Promise<TpnSandbox> {
  validateSettings(options);
  const clock = options.clock ?? Date.now;
  const settings: TpnSandboxSettings = { latencyMs: [0, 0], errorRate: 0, timeoutRate: 0, quotaPerSecond: 5, outage: false, seed: 1, hangMs: 120_000, ...options };
  const random: Random = mulberry32(settings.seed ?? 1);
  const quotas = new Map<string, SecondQuota>();
  const idempotency = new IdempotencyStore(clock);
  const stats: TpnSandboxStats = { billableCalls: 0, requests: 0, byStatus: {}, replays: 0, hung: 0, droppedConnections: 0 };
  const closing = new AbortController();
  let sequence = 0;

  const quotaFor = (apiKey: string) => {
    let quota = quotas.get(apiKey);
    if (!quota) {
      quota = new SecondQuota(settings.quotaPerSecond ?? 5, clock);
      quotas.set(apiKey, quota);
    }
    return quota;
  };
  const outageMode = () => (settings.outage === "reset" ? "reset" : settings.outage ? "503" : null);

  function send(res: ServerResponse, status: number, body: string | null, quota: QuotaState, extra: Record<string, string> = {}) {
    if (res.destroyed || res.headersSent) return;
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    res.writeHead(status, {
      ...(body === null ? {} : { "Content-Type": "application/json" }),
      "RateLimit-Limit": String(quota.limit),
      "RateLimit-Remaining": String(quota.remaining),
      "RateLimit-Reset": String(quota.resetSeconds),
      ...extra,
    });
    res.end(body ?? undefined);
  }

  function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, quota: QuotaState, extra: { field?: string; headers?: Record<string, string> } = {}) {
    const requestId = `sbx-req-${++sequence}`;
    const body = JSON.stringify({ error: { code, message, ...(extra.field ? { field: extra.field } : {}), requestId } });
    send(res, status, body, quota, { "X-Request-Id": requestId, ...extra.headers });
  }

  function sleep(ms: number, until?: Promise<unknown>): Promise<void> {
    if (ms <= 0 || closing.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        closing.signal.removeEventListener("abort", done);
        resolve();
      }
      closing.signal.addEventListener("abort", done);
      void until?.then(done);
    });
  }

  async function readBody(req: IncomingMessage): Promise<string | null> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size > MAX_BODY_BYTES) return null;
      chunks.push(buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  function apiKeyMatches(given: string | string[] | undefined): boolean {
    if (typeof given !== "string") return false;
    // Compare digests so the comparison takes the same time whatever the key's length.
    const digest = (value: string) => createHash("sha256").update(value).digest();
    return timingSafeEqual(digest(given), digest(settings.apiKey));
  }

  async function handleEnquiry(req: IncomingMessage, res: ServerResponse, kind: "consumer" | "commercial") {
    const apiKey = req.headers["x-api-key"];
    if (!apiKeyMatches(apiKey) || typeof apiKey !== "string") {
      return sendError(res, 401, "UNAUTHORIZED", "missing or unknown X-API-Key", quotaFor("").peek());
    }
    const quota = quotaFor(apiKey);
    const taken = quota.take();
    if (!taken.allowed) {
      return sendError(res, 429, "RATE_LIMITED", `more than ${taken.state.limit} requests per second`, taken.state, {
        headers: { "Retry-After": String(taken.state.resetSeconds) },
      });
    }

    const idempotencyKey = req.headers["idempotency-key"];
    if (typeof idempotencyKey !== "string" || !idempotencyKeySchema.safeParse(idempotencyKey).success) {
      return sendError(res, 400, "INVALID_REQUEST", "Idempotency-Key header must be 8 to 128 characters", taken.state, { field: "Idempotency-Key" });
    }
    const text = await readBody(req);
    if (text === null) return sendError(res, 400, "INVALID_REQUEST", `the body is larger than ${MAX_BODY_BYTES} bytes`, taken.state);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendError(res, 400, "INVALID_REQUEST", "the body is not valid JSON", taken.state);
    }

    const now = clock();
    const check = kind === "consumer" ? checkConsumerRequest(body, now) : checkCommercialRequest(body, now);
    if (!check.ok) return sendProblem(res, check, taken.state);

    const claim = await idempotency.claim(apiKey, idempotencyKey, fingerprint(req.url ?? "", body));
    if (claim.kind === "conflict") {
      return sendError(res, 409, "IDEMPOTENCY_CONFLICT", "this Idempotency-Key was used with a different request", taken.state);
    }
    if (claim.kind === "replay") {
      stats.replays += 1;
      return sendStored(res, claim.response, quota.peek());
    }

    let stored: StoredResponse | undefined;
    try {
      const [min, max] = settings.latencyMs ?? [0, 0];
      await sleep(min + random() * (max - min));
      if (random() < (settings.errorRate ?? 0)) {
        const unavailable = random() < 0.5;
        return sendError(res, unavailable ? 503 : 500, unavailable ? "UNAVAILABLE" : "INTERNAL", "injected fault: try again", quota.peek());
      }
      stored = { status: 200, body: JSON.stringify(buildReport(check.value, kind, now)) };
      stats.billableCalls += 1;
    } finally {
      claim.finish(stored);
    }

    if (random() < (settings.timeoutRate ?? 0)) {
      stats.hung += 1;
      await sleep(settings.hangMs ?? 120_000, new Promise((resolve) => res.once("close", resolve)));
    }
    sendStored(res, stored, quota.peek());
  }

  function buildReport(request: { idNumber?: string; passport?: { number: string; nationality: string; dateOfBirth: string }; registrationNumber?: string }, kind: "consumer" | "commercial", now: number) {
    const id = ++sequence;
    const envelope: Envelope = {
      enquiryId: `sbx-enq-${String(id).padStart(8, "0")}`,
      generatedAt: new Date(now).toISOString(),
      billing: { chargeable: true, reference: `SBX-INV-${String(id).padStart(8, "0")}`, amount: (settings.pricing ?? DEFAULT_PRICING)[kind] },
    };
    if (kind === "commercial") return buildCommercialReport(request.registrationNumber ?? "", envelope, new Date(now));
    const subject = request.passport ? { passport: request.passport } : { idNumber: request.idNumber ?? "" };
    return buildConsumerReport(subject, envelope, new Date(now));
  }

  function sendStored(res: ServerResponse, stored: StoredResponse, quota: QuotaState) {
    send(res, stored.status, stored.body, quota);
  }

  function sendProblem(res: ServerResponse, problem: RequestProblem, quota: QuotaState) {
    sendError(res, problem.status, problem.code, problem.message, quota, problem.field ? { field: problem.field } : {});
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    stats.requests += 1;
    const started = performance.now();
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    res.once("finish", () => {
      devLog("tpn-sandbox", "info", "request", { method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) });
    });
    const mode = outageMode();
    if (mode === "reset") {
      stats.droppedConnections += 1;
      req.socket.destroy();
      return;
    }
    const anonymous = quotaFor("").peek();
    if (mode === "503") return sendError(res, 503, "UNAVAILABLE", "TPN is unavailable (sandbox outage)", anonymous);

    const route = path.startsWith(`${TPN_SANDBOX_BASE_PATH}/`) ? path.slice(TPN_SANDBOX_BASE_PATH.length) : null;
    if (route === "/health") {
      if (req.method !== "GET") return sendError(res, 405, "INVALID_REQUEST", "use GET", anonymous, { headers: { Allow: "GET" } });
      return send(res, 200, null, anonymous);
    }
    if (route === "/enquiries/consumer" || route === "/enquiries/commercial") {
      if (req.method !== "POST") return sendError(res, 405, "INVALID_REQUEST", "use POST", anonymous, { headers: { Allow: "POST" } });
      return handleEnquiry(req, res, route === "/enquiries/consumer" ? "consumer" : "commercial");
    }
    return sendError(res, 404, "INVALID_REQUEST", "no such endpoint", anonymous);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      devLog("tpn-sandbox", "error", "handler failed", { error: error instanceof Error ? error.name : "unknown" });
      sendError(res, 500, "INTERNAL", "sandbox error", quotaFor("").peek());
    });
  });
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    if (outageMode() === "reset") {
      stats.droppedConnections += 1;
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}${TPN_SANDBOX_BASE_PATH}`,
    port,
    stats: () => structuredClone(stats),
    setOptions(partial) {
      validateSettings(partial);
      Object.assign(settings, partial);
      if (partial.quotaPerSecond !== undefined) for (const quota of quotas.values()) quota.setLimit(partial.quotaPerSecond);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

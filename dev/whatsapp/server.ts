/**
 * A local stand-in for Meta's WhatsApp Cloud API (Graph API v23.0), so the app's real WhatsApp code
 * runs unchanged against it: point WHATSAPP_API_URL at `graphUrl`, and the sandbox's `webhookUrl` at
 * the app's /api/whatsapp/webhook. It
 *
 * - answers the Graph API calls the app makes (graph-routes.ts), validating bodies as Meta documents
 *   them (graph-validation.ts, interactive-validation.ts) and answering in Meta's error shape;
 * - reports what happened to each sent message through signed status webhooks (sent, delivered, read),
 *   enforcing the 24-hour customer service window (conversations.ts);
 * - plays the user: sendInbound() or the simulator page at GET / send Meta-shaped, signed message
 *   webhooks, retried like Meta retries them (webhook-sender.ts);
 * - injects faults on demand (failNext) and lets tests see everything that was sent and delivered.
 *
 * Development and tests only. It never logs message text or phone numbers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { devLog } from "../dev-log";
import { Conversations } from "./conversations";
import { FaultQueue, handleGraph, handleMediaDownload, type Failure, type GraphContext } from "./graph-routes";
import { sendJson } from "./http-util";
import { MediaStore } from "./media-store";
import { handleSimulatorApi, inboundSpecSchema } from "./simulator-api";
import { sendSimulatorPage } from "./simulator-page";
import type { DeliveryRecord, InboundSpec, RecordedOutbound, SandboxLog, TemplateDefinition } from "./types";
import { WebhookSender } from "./webhook-sender";

export type { DeliveryRecord, InboundFile, InboundSpec, OutboundStatus, RecordedInbound, RecordedOutbound, TemplateDefinition } from "./types";
export { signatureFor } from "./webhook-sender";
export { REENGAGEMENT_ERROR, WINDOW_MS } from "./conversations";

export interface WhatsAppSandboxOptions {
  /** 0 = a free port. */
  port: number;
  /** Default 127.0.0.1: loopback only. */
  host?: string;
  /** Graph API calls must carry `Authorization: Bearer <accessToken>`. */
  accessToken: string;
  /** Signs every webhook: X-Hub-Signature-256: sha256=<hex HMAC-SHA256(appSecret, body bytes)>. */
  appSecret: string;
  /** The business phone number id, e.g. "100000000000001". */
  phoneNumberId: string;
  /** Digits, default "27600000000". */
  displayPhoneNumber?: string;
  /** The WhatsApp Business Account id in entry[0].id of every webhook. Default "200000000000001". */
  businessAccountId?: string;
  /** The business's display name (GET /:phoneNumberId, the simulator). Default "TenantLens". */
  verifiedName?: string;
  /** The app's /api/whatsapp/webhook; can be set later with setWebhookUrl. */
  webhookUrl?: string;
  /** Approved templates. Default: DEFAULT_TEMPLATES. */
  templates?: TemplateDefinition[];
  /** Delay before each status webhook (sent, delivered, read). Default 40 ms. */
  statusDelayMs?: number;
  /** Default true: "read" follows "delivered". When false, messages are read when the simulator shows them. */
  autoRead?: boolean;
  /** Clock for the 24-hour window and timestamps. Default Date.now. */
  now?: () => number;
  logLevel?: "silent" | "info";
}

export interface WhatsAppSandbox {
  /** http://127.0.0.1:<port>; the simulator page is at `${url}/`. */
  url: string;
  /** `${url}/v23.0`: the app's WHATSAPP_API_URL. */
  graphUrl: string;
  port: number;
  setWebhookUrl(url: string): void;
  /** Messages the app sent through POST /v23.0/:phoneNumberId/messages, oldest first, optionally only to one number. */
  outbound(to?: string): RecordedOutbound[];
  /** Polls until an outbound message matches; rejects after timeoutMs (default 5 s) listing what was sent. */
  waitForOutbound(predicate: (message: RecordedOutbound) => boolean, timeoutMs?: number): Promise<RecordedOutbound>;
  media(id: string): { bytes: Buffer; mimeType: string; filename?: string; sha256: string } | undefined;
  /** The user writes: a signed Meta webhook POSTed to webhookUrl (retried on failure); resolves with the final attempt. */
  sendInbound(from: string, message: InboundSpec, options?: { profileName?: string; contextWamid?: string }): Promise<{ wamid: string; status: number; attempts: number }>;
  /** One POST of `body` as given; signed unless `signature` is given (sent verbatim) or null (no header). */
  postWebhook(body: string, signature?: string | null): Promise<{ status: number; body: string }>;
  /** Delivers an earlier webhook again: by inbound wamid, `<outbound wamid>:<status>`, or an outbound wamid (its latest status). */
  redeliver(wamid: string): Promise<{ status: number; attempts: number }>;
  /** The next `count` Graph API calls (after the token check) answer with this error instead. Calls queue up. */
  failNext(count: number, failure: Failure): void;
  /** Every webhook delivery attempt, oldest first. */
  deliveries(): DeliveryRecord[];
  close(): Promise<void>;
}

export const GRAPH_VERSION = "v23.0";

export const DEFAULT_TEMPLATES: TemplateDefinition[] = [
  { name: "tenantlens_update", language: "en", bodyParameters: 1, body: "TenantLens update: {{1}}", category: "utility" },
  { name: "tenantlens_report_ready", language: "en", bodyParameters: 2, body: "Hi {{1}}, the screening report for {{2}} is ready. Reply to see it.", category: "utility" },
  { name: "tenantlens_welcome", language: "en", bodyParameters: 0, body: "Welcome to TenantLens on WhatsApp. Reply HELP to see what I can do.", category: "utility" },
  {
    name: "tenantlens_consent_request",
    language: "en",
    bodyParameters: 3,
    body: "{{1}} asks for your consent to check your rental and credit record with TPN (ID {{2}}) for your rental application. What this means: {{3}}",
    category: "utility",
    quickReplies: ["I consent", "I do not consent"],
  },
  // Every new WhatsApp Business Account comes with this sample.
  { name: "hello_world", language: "en_US", bodyParameters: 0, body: "Hello World\nWelcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta.", category: "utility" },
];

const VERSION_PATH = /^\/v\d+\.\d+(\/.*)?$/;
const NUMBER_PATTERN = /^\d{8,15}$/;

function checkOptions(options: WhatsAppSandboxOptions) {
  if (!options.accessToken) throw new RangeError("accessToken must not be empty");
  if (!options.appSecret) throw new RangeError("appSecret must not be empty");
  if (!/^\d{1,20}$/.test(options.phoneNumberId)) throw new RangeError("phoneNumberId must be digits");
  if (options.displayPhoneNumber !== undefined && !NUMBER_PATTERN.test(options.displayPhoneNumber)) throw new RangeError("displayPhoneNumber must be 8 to 15 digits");
  if (options.statusDelayMs !== undefined && !(options.statusDelayMs >= 0)) throw new RangeError("statusDelayMs must be >= 0");
  if (options.webhookUrl !== undefined) new URL(options.webhookUrl);
}

export async function startWhatsAppSandbox(options: WhatsAppSandboxOptions): Promise<WhatsAppSandbox> {
  checkOptions(options);
  const silent = options.logLevel === "silent";
  const log: SandboxLog = {
    info: (msg, fields) => (silent ? undefined : devLog("whatsapp-sandbox", "info", msg, fields)),
    warn: (msg, fields) => (silent ? undefined : devLog("whatsapp-sandbox", "warn", msg, fields)),
  };
  const now = options.now ?? Date.now;
  const closing = new AbortController();
  let webhookUrl = options.webhookUrl;
  let baseUrl = "";
  const business = {
    businessAccountId: options.businessAccountId ?? "200000000000001",
    phoneNumberId: options.phoneNumberId,
    displayPhoneNumber: options.displayPhoneNumber ?? "27600000000",
  };
  const verifiedName = options.verifiedName ?? "TenantLens";
  const templates = structuredClone(options.templates ?? DEFAULT_TEMPLATES);
  const media = new MediaStore();
  const webhooks = new WebhookSender({ appSecret: options.appSecret, webhookUrl: () => webhookUrl, closing: closing.signal, log });
  const conversations = new Conversations({
    business,
    templates,
    statusDelayMs: options.statusDelayMs ?? 40,
    autoRead: options.autoRead ?? true,
    now,
    closing: closing.signal,
    webhooks,
    hasWebhook: () => webhookUrl !== undefined,
    media,
    log,
  });
  const faults = new FaultQueue();
  const graph: GraphContext = { accessToken: options.accessToken, phoneNumberId: options.phoneNumberId, displayPhoneNumber: business.displayPhoneNumber, verifiedName, templates, media, conversations, faults, baseUrl: () => baseUrl };

  async function sendInbound(from: string, message: InboundSpec, inboundOptions: { profileName?: string; contextWamid?: string } = {}) {
    if (!NUMBER_PATTERN.test(from)) throw new TypeError("from must be 8 to 15 digits, country code first, no +");
    const spec = inboundSpecSchema.parse(message);
    if (webhookUrl === undefined) throw new Error("the WhatsApp sandbox has no webhook URL: pass webhookUrl or call setWebhookUrl()");
    const profileName = inboundOptions.profileName ?? conversations.profileName(from) ?? "Sandbox User";
    return conversations.receive(from, spec, { profileName, ...(inboundOptions.contextWamid === undefined ? {} : { contextWamid: inboundOptions.contextWamid }) });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const path = url.pathname;
    const started = performance.now();
    // The simulator polls every second; logging that would drown the app's own log lines.
    if (!path.startsWith("/sim/")) {
      res.once("finish", () => log.info("request", { method: req.method, path: path.replace(/\d{6,}/g, ":id"), status: res.statusCode, ms: Math.round(performance.now() - started) }));
    }
    if (path === "/" && req.method === "GET") return sendSimulatorPage(res);
    if (path.startsWith("/sim/api/")) {
      return handleSimulatorApi(req, res, url, { conversations, templates, displayPhoneNumber: business.displayPhoneNumber, verifiedName, now, hasWebhook: () => webhookUrl !== undefined, sendInbound });
    }
    const download = /^\/(sim\/media|media-download)\/([^/]+)$/.exec(path);
    if (download?.[2]) return handleMediaDownload(req, res, decodeURIComponent(download[2]), graph, { requireToken: download[1] === "media-download" });
    const versioned = VERSION_PATH.exec(path);
    if (versioned) return handleGraph(req, res, (versioned[1] ?? "/").slice(1).split("/").map(decodeURIComponent), graph);
    sendJson(res, 404, { error: "not found: the Graph API is under /v23.0, the simulator at /" });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.warn("handler failed", { error: error instanceof Error ? error.name : "unknown" });
      sendJson(res, 500, { error: { message: "(#1) An unknown error occurred", type: "OAuthException", code: 1 } });
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  baseUrl = `http://${urlHost}:${port}`;
  log.info("whatsapp sandbox listening", { url: baseUrl, graphUrl: `${baseUrl}/${GRAPH_VERSION}`, webhookConfigured: webhookUrl !== undefined });

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    graphUrl: `${baseUrl}/${GRAPH_VERSION}`,
    port,
    setWebhookUrl(next) {
      new URL(next);
      webhookUrl = next;
    },
    outbound: (to) => conversations.outbound(to),
    async waitForOutbound(predicate, timeoutMs = 5_000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const match = conversations.outbound().find(predicate);
        if (match) return match;
        if (performance.now() >= deadline) {
          const sent = conversations.outbound().map((message) => `${message.type} to ${message.to} [${message.status}]: ${JSON.stringify(message.text.slice(0, 80))}`);
          throw new Error(`no outbound WhatsApp message matched within ${timeoutMs} ms; sent so far (${sent.length}):${sent.length ? `\n  ${sent.join("\n  ")}` : " none"}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    media(id) {
      const stored = media.get(id);
      return stored && { bytes: Buffer.from(stored.bytes), mimeType: stored.mimeType, sha256: stored.sha256, ...(stored.filename ? { filename: stored.filename } : {}) };
    },
    sendInbound,
    postWebhook: (body, signature) => webhooks.post(body, signature),
    redeliver: (key) => webhooks.redeliver(key),
    failNext: (count, failure) => faults.add(count, failure),
    deliveries: () => webhooks.deliveries(),
    close() {
      closed ??= (async () => {
        closing.abort();
        await conversations.settle();
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}

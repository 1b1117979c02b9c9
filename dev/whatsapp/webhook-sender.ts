/**
 * Delivers webhook bodies to the app the way Meta does: POST with Content-Type application/json and
 * X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, exact body bytes)>, and on a non-2xx answer
 * or no answer, retries (Meta keeps retrying for up to 7 days with backoff; the sandbox tries 3 more
 * times after 100 ms, 400 ms and 1.6 s so tests stay fast). Every attempt is recorded, and every body
 * is kept so it can be delivered again (Meta sometimes delivers the same webhook twice).
 */
import { createHmac } from "node:crypto";
import { sleep } from "./timing";
import type { DeliveryRecord, SandboxLog } from "./types";

export const RETRY_DELAYS_MS = [100, 400, 1_600] as const;
const ATTEMPT_TIMEOUT_MS = 10_000;
const KEEP_DELIVERIES = 2_000;

export function signatureFor(appSecret: string, body: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(Buffer.from(body, "utf8")).digest("hex")}`;
}

export interface WebhookSenderOptions {
  appSecret: string;
  webhookUrl: () => string | undefined;
  closing: AbortSignal;
  log: SandboxLog;
  retryDelaysMs?: readonly number[];
}

type Kind = DeliveryRecord["kind"];

export class WebhookSender {
  private readonly attempts: DeliveryRecord[] = [];
  private readonly bodies = new Map<string, { kind: Kind; body: string }>();
  /** The newest status key per outbound wamid, so redeliver(wamid) works for statuses too. */
  private readonly latestStatusKey = new Map<string, string>();

  constructor(private readonly options: WebhookSenderOptions) {}

  /** Sends a body with retries; `key` is the inbound wamid or `<wamid>:<status>` for redelivery. */
  async deliver(kind: Kind, key: string, body: string): Promise<{ status: number; attempts: number }> {
    this.bodies.set(key, { kind, body });
    if (kind === "status") this.latestStatusKey.set(key.slice(0, key.lastIndexOf(":")), key);
    const delays = this.options.retryDelaysMs ?? RETRY_DELAYS_MS;
    let attempt = 0;
    let status = 0;
    for (;;) {
      attempt += 1;
      status = (await this.attempt(kind, body, this.signature(body), attempt)).status;
      const delay = delays[attempt - 1];
      if ((status >= 200 && status < 300) || delay === undefined || this.options.closing.aborted) break;
      await sleep(delay, this.options.closing);
      if (this.options.closing.aborted) break;
    }
    return { status, attempts: attempt };
  }

  /** One attempt with a body exactly as given; `signature` undefined = sign it, null = no header. */
  async post(body: string, signature?: string | null): Promise<{ status: number; body: string }> {
    const kind: Kind = body.includes('"statuses"') ? "status" : "message";
    return this.attempt(kind, body, signature === undefined ? this.signature(body) : signature, 1);
  }

  async redeliver(key: string): Promise<{ status: number; attempts: number }> {
    const resolvedKey = this.bodies.has(key) ? key : this.latestStatusKey.get(key);
    const stored = resolvedKey === undefined ? undefined : this.bodies.get(resolvedKey);
    if (!stored || resolvedKey === undefined) throw new Error(`nothing to redeliver: no webhook was sent for ${key}`);
    return this.deliver(stored.kind, resolvedKey, stored.body);
  }

  deliveries(): DeliveryRecord[] {
    return this.attempts.map((record) => ({ ...record }));
  }

  private signature(body: string): string {
    return signatureFor(this.options.appSecret, body);
  }

  private async attempt(kind: Kind, body: string, signature: string | null, attempt: number): Promise<{ status: number; body: string }> {
    const url = this.options.webhookUrl();
    if (!url) throw new Error("the WhatsApp sandbox has no webhook URL: pass webhookUrl or call setWebhookUrl()");
    let status = 0;
    let answer = "";
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "facebookexternalua",
          ...(signature === null ? {} : { "X-Hub-Signature-256": signature }),
        },
        body,
        signal: AbortSignal.any([this.options.closing, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      status = response.status;
      answer = await response.text();
    } catch (error) {
      this.options.log.warn("webhook unreachable", { kind, attempt, reason: error instanceof Error ? error.name : "unknown" });
    }
    this.attempts.push({ kind, url, body, status, attempt });
    if (this.attempts.length > KEEP_DELIVERIES) this.attempts.splice(0, this.attempts.length - KEEP_DELIVERIES);
    this.options.log.info("webhook delivered", { kind, attempt, status });
    return { status, body: answer };
  }
}

/**
 * What the sandbox remembers about each WhatsApp user: the messages the app sent them (and what
 * became of each), the messages they sent, and when they last wrote, which opens Meta's 24-hour
 * customer service window. Outside the window a non-template message is accepted by the API but then
 * fails with 131047 "Re-engagement message"; templates are always delivered.
 *
 * Status webhooks for one message go out in order (sent, delivered, read), each `statusDelayMs` after
 * the previous one was delivered (retries included), so the app sees them in a stable order.
 */
import { newConversationId, newWamid } from "./ids";
import { PLACEHOLDER_JPEG, PLACEHOLDER_OGG, PLACEHOLDER_PDF, type MediaStore } from "./media-store";
import { sleep } from "./timing";
import { inboundPayload, statusPayload, type BusinessNumber, type PricingCategory, type StatusEvent } from "./webhook-payloads";
import type { WebhookSender } from "./webhook-sender";
import type { InboundSpec, OutboundContent, OutboundStatus, RecordedInbound, RecordedOutbound, SandboxLog, TemplateDefinition, WebhookStatus } from "./types";

export const WINDOW_MS = 24 * 60 * 60 * 1000;

export const REENGAGEMENT_ERROR = {
  code: 131047,
  title: "Re-engagement message",
  details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
} as const;

export interface ConversationOptions {
  business: BusinessNumber;
  templates: readonly TemplateDefinition[];
  statusDelayMs: number;
  autoRead: boolean;
  now: () => number;
  closing: AbortSignal;
  webhooks: WebhookSender;
  hasWebhook: () => boolean;
  media: MediaStore;
  log: SandboxLog;
}

/** The chosen bytes live in the media store; the record keeps the message without them. */
function withoutFile(message: InboundSpec): InboundSpec {
  if (!("file" in message)) return message;
  const copy = { ...message };
  delete copy.file;
  return copy;
}

export class Conversations {
  private readonly sent: RecordedOutbound[] = [];
  private readonly received: RecordedInbound[] = [];
  private readonly lastInboundAt = new Map<string, number>();
  /** Open conversations per user and pricing category, as Meta counts them for billing. */
  private readonly openConversations = new Map<string, { id: string; expiresAt: number }>();
  private readonly pending = new Set<Promise<void>>();
  /** Outbound wamids whose "read" is already on its way, so repeated simulator polls send it once. */
  private readonly readScheduled = new Set<string>();

  constructor(private readonly options: ConversationOptions) {}

  windowClosesAt(number: string): number | undefined {
    const last = this.lastInboundAt.get(number);
    return last === undefined ? undefined : last + WINDOW_MS;
  }

  windowOpen(number: string): boolean {
    const closesAt = this.windowClosesAt(number);
    return closesAt !== undefined && this.options.now() <= closesAt;
  }

  /** Records a send the API accepted and starts its status webhooks. */
  accept(to: string, content: OutboundContent, body: Record<string, unknown>): RecordedOutbound {
    const now = this.options.now();
    const record: RecordedOutbound = { ...content, wamid: newWamid(), to, body, status: "accepted", statusHistory: [{ status: "accepted", at: now }], createdAt: now };
    this.sent.push(record);
    const inWindow = this.windowOpen(to);
    const category: PricingCategory = content.type === "template" ? this.templateCategory(content) : "service";
    const steps: WebhookStatus[] = content.type !== "template" && !inWindow ? ["failed"] : ["sent", "delivered", ...(this.options.autoRead ? (["read"] as const) : [])];
    this.track(this.progress(record, steps, { category, billable: !(inWindow && (category === "service" || category === "utility")) }));
    this.options.log.info("message accepted", { type: content.type, inWindow });
    return record;
  }

  /** The simulator's user opened the chat: delivered messages become read (when autoRead is off). */
  userRead(number: string) {
    for (const record of this.sent) {
      if (record.to !== number || record.status !== "delivered" || this.readScheduled.has(record.wamid)) continue;
      this.readScheduled.add(record.wamid);
      this.track(this.progress(record, ["read"], null));
    }
  }

  /** The app marked an inbound message read; false when no such message exists. */
  businessRead(wamid: string): boolean {
    const message = this.received.find((candidate) => candidate.wamid === wamid);
    if (!message) return false;
    message.readByBusiness = true;
    return true;
  }

  async receive(from: string, message: InboundSpec, options: { profileName: string; contextWamid?: string }): Promise<{ wamid: string; status: number; attempts: number }> {
    const now = this.options.now();
    const media = this.storeInboundMedia(message);
    const record: RecordedInbound = {
      wamid: newWamid(),
      from,
      profileName: options.profileName,
      message: withoutFile(message),
      ...(options.contextWamid === undefined ? {} : { contextWamid: options.contextWamid }),
      ...(media ? { mediaId: media.id } : {}),
      createdAt: now,
      readByBusiness: false,
    };
    this.received.push(record);
    this.lastInboundAt.set(from, now);
    const body = inboundPayload(this.options.business, {
      wamid: record.wamid,
      from,
      profileName: options.profileName,
      timestampSeconds: Math.floor(now / 1000),
      message,
      ...(options.contextWamid === undefined ? {} : { contextWamid: options.contextWamid }),
      ...(media ? { media: { id: media.id, mimeType: media.mimeType, sha256: media.sha256 } } : {}),
    });
    const result = await this.options.webhooks.deliver("message", record.wamid, body);
    record.webhookStatus = result.status;
    return { wamid: record.wamid, ...result };
  }

  /** The file behind a photo, document or voice note: the test's chosen bytes, or a placeholder of the usual type. */
  private storeInboundMedia(message: InboundSpec) {
    if (message.type !== "image" && message.type !== "document" && message.type !== "audio") return undefined;
    const filename = message.type === "document" ? message.filename : undefined;
    if (message.file) return this.options.media.add(Buffer.from(message.file.base64, "base64"), message.file.mimeType, filename);
    if (message.type === "image") return this.options.media.add(PLACEHOLDER_JPEG, "image/jpeg");
    if (message.type === "audio") return this.options.media.add(PLACEHOLDER_OGG, "audio/ogg; codecs=opus");
    return this.options.media.add(PLACEHOLDER_PDF, "application/pdf", filename);
  }

  outbound(to?: string): RecordedOutbound[] {
    return this.sent.filter((record) => to === undefined || record.to === to).map((record) => structuredClone(record));
  }

  inbound(from?: string): RecordedInbound[] {
    return this.received.filter((record) => from === undefined || record.from === from).map((record) => structuredClone(record));
  }

  /** Every number that wrote or was written to, most recent activity first. */
  numbers(): string[] {
    const latest = new Map<string, number>();
    for (const record of [...this.sent.map((item) => ({ number: item.to, at: item.createdAt })), ...this.received.map((item) => ({ number: item.from, at: item.createdAt }))]) {
      latest.set(record.number, Math.max(latest.get(record.number) ?? 0, record.at));
    }
    return [...latest.entries()].sort((a, b) => b[1] - a[1]).map(([number]) => number);
  }

  profileName(number: string): string | undefined {
    return this.received.findLast((record) => record.from === number)?.profileName;
  }

  /** Resolves once every status webhook in flight has finished (close() aborts their waits first). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private templateCategory(content: OutboundContent): PricingCategory {
    const name = content.template?.name;
    return this.options.templates.find((template) => template.name === name)?.category ?? "utility";
  }

  private track(work: Promise<void>) {
    const tracked = work.catch((error: unknown) => {
      this.options.log.warn("status webhook failed", { reason: error instanceof Error ? error.message : "unknown" });
    });
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  private async progress(record: RecordedOutbound, steps: WebhookStatus[], pricing: { category: PricingCategory; billable: boolean } | null) {
    for (const status of steps) {
      await sleep(this.options.statusDelayMs, this.options.closing);
      if (this.options.closing.aborted) return;
      if (status === "read") this.readScheduled.add(record.wamid);
      const now = this.options.now();
      this.setStatus(record, status, now);
      const event: StatusEvent = { wamid: record.wamid, status, recipientId: record.to, timestampSeconds: Math.floor(now / 1000) };
      if (status === "failed") {
        event.error = { ...REENGAGEMENT_ERROR };
        record.error = { code: REENGAGEMENT_ERROR.code, title: REENGAGEMENT_ERROR.title };
      } else if (pricing && status !== "read") {
        event.conversation = { ...this.conversationFor(record.to, pricing.category, now, status === "sent"), ...pricing };
      }
      if (this.options.hasWebhook()) await this.options.webhooks.deliver("status", `${record.wamid}:${status}`, statusPayload(this.options.business, event));
    }
  }

  private setStatus(record: RecordedOutbound, status: OutboundStatus, at: number) {
    record.status = status;
    record.statusHistory.push({ status, at });
  }

  private conversationFor(number: string, category: PricingCategory, now: number, opening: boolean): { id: string; expirationSeconds?: number } {
    const key = `${number}:${category}`;
    const open = this.openConversations.get(key);
    if (open && now < open.expiresAt) return { id: open.id };
    const fresh = { id: newConversationId(), expiresAt: now + WINDOW_MS };
    this.openConversations.set(key, fresh);
    return { id: fresh.id, ...(opening ? { expirationSeconds: Math.floor(fresh.expiresAt / 1000) } : {}) };
  }
}

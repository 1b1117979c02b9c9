import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { whatsappContacts, whatsappMessages, whatsappStatusEvents } from "@/db/schema";
import { AppError, BadRequestError, PayloadTooLargeError, ServiceUnavailableError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { enqueueEvent } from "@/lib/outbox/enqueue-event";
import { getRateLimiter } from "@/lib/rate-limit/limiter";
import { findOrCreateContact } from "./contacts";
import { sealBody } from "./message-store";
import { extractWebhookItems, webhookPayloadSchema, type InboundItem, type StatusItem } from "./webhook-payload";
import { verifyWebhookSignature } from "./webhook-signature";

/** Meta batches at most a few hundred updates per delivery; anything this large is not from Meta. */
export const WEBHOOK_LIMIT_BYTES = 1024 * 1024;

export class InvalidSignatureError extends AppError {
  constructor() {
    super(401, "INVALID_SIGNATURE", "The X-Hub-Signature-256 header is missing or does not match the body.");
  }
}

export interface ReceivedWebhook {
  messages: number;
  statuses: number;
  duplicates: number;
  /** The outbox events this delivery committed, for the route to hand to Inngest. */
  eventIds: string[];
}

/**
 * A webhook delivery: signature checked on the raw bytes first (nothing is parsed or stored before),
 * then each message and status is stored once (Meta redelivers) with its outbox event in the same
 * transaction. The work itself happens in Inngest functions, so Meta gets its 200 at once.
 */
export async function receiveWebhook(db: Database, rawBody: Uint8Array<ArrayBuffer>, signature: string | null): Promise<ReceivedWebhook> {
  const secret = env.WHATSAPP_APP_SECRET;
  if (!secret) throw new ServiceUnavailableError("The WhatsApp channel is not configured.");
  if (rawBody.byteLength > WEBHOOK_LIMIT_BYTES) throw new PayloadTooLargeError(WEBHOOK_LIMIT_BYTES);
  if (!(await verifyWebhookSignature(rawBody, signature, secret))) throw new InvalidSignatureError();

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(rawBody));
  } catch {
    throw new BadRequestError("The webhook body is not valid JSON.", { code: "INVALID_JSON" });
  }
  const parsed = webhookPayloadSchema.safeParse(json);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new BadRequestError(`Not a WhatsApp Business Account webhook: ${issue?.path.join(".") || "body"} ${issue?.message ?? ""}`.trim(), { field: issue?.path.join(".") });
  }

  const result: ReceivedWebhook = { messages: 0, statuses: 0, duplicates: 0, eventIds: [] };
  for (const item of extractWebhookItems(parsed.data)) {
    if (item.kind === "message" && item.phoneNumberId && env.WHATSAPP_PHONE_NUMBER_ID && item.phoneNumberId !== env.WHATSAPP_PHONE_NUMBER_ID) continue;
    const fresh = item.kind === "message" ? await storeMessage(db, item) : await storeStatus(db, item);
    if (typeof fresh === "object") {
      result[item.kind === "message" ? "messages" : "statuses"]++;
      result.eventIds.push(fresh.eventId);
    } else if (fresh === "duplicate") result.duplicates++;
  }
  return result;
}

async function storeMessage(db: Database, item: InboundItem): Promise<{ eventId: string } | "duplicate" | "dropped"> {
  // A flood from one number is acknowledged (or Meta keeps retrying) but not queued.
  const allowed = await getRateLimiter().limit("whatsapp:inbound", item.from);
  if (!allowed.success) {
    logger.warn({ policy: "whatsapp:inbound" }, "WhatsApp message dropped: sender over its rate limit");
    return "dropped";
  }
  const contact = await findOrCreateContact(db, item.from);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(whatsappMessages)
      .values({
        contactId: contact.id,
        direction: "in",
        wamid: item.wamid,
        // A file is stored as its own kind (image, document, audio, ...), as outbound messages are.
        kind: item.content.type === "media" ? item.content.kind : item.content.type,
        bodyEncrypted: await sealBody(tx, contact, { direction: "in", content: item.content }),
        status: "received",
        sentAt: item.sentAt,
      })
      .onConflictDoNothing({ target: whatsappMessages.wamid })
      .returning({ id: whatsappMessages.id });
    if (!row) return "duplicate";
    await tx
      .update(whatsappContacts)
      .set({ lastInboundAt: sql`greatest(coalesce(${whatsappContacts.lastInboundAt}, ${item.sentAt}), ${item.sentAt})` })
      .where(eq(whatsappContacts.id, contact.id));
    return { eventId: await enqueueEvent(tx, "whatsapp/message.received", { messageId: row.id, contactId: contact.id }) };
  });
}

async function storeStatus(db: Database, item: StatusItem): Promise<{ eventId: string } | "duplicate"> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(whatsappStatusEvents)
      .values({ wamid: item.wamid, status: item.status, occurredAt: item.occurredAt, errorCode: item.error?.code })
      .onConflictDoNothing()
      .returning({ wamid: whatsappStatusEvents.wamid });
    if (!row) return "duplicate";
    return { eventId: await enqueueEvent(tx, "whatsapp/status.received", { wamid: item.wamid, status: item.status }) };
  });
}

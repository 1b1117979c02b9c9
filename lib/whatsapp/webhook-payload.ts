import { z } from "zod";

/** An image, document, audio, video or sticker: the id to fetch it by, and what the person typed with it. */
const mediaObject = z.object({
  id: z.string().min(1).max(200),
  mime_type: z.string().max(255).optional(),
  caption: z.string().max(4096).optional(),
  filename: z.string().max(1024).optional(),
});

export const MEDIA_KINDS = ["image", "document", "audio", "video", "sticker"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * The parts of Meta's webhook payload (object "whatsapp_business_account", field "messages") that we
 * use. Unknown fields are ignored; unknown message types are kept as "unsupported" so the bot can say
 * what it understands instead of dropping them.
 */
const inboundMessage = z.object({
  from: z.string().regex(/^\d{6,15}$/),
  id: z.string().min(1).max(200),
  timestamp: z.string().regex(/^\d+$/),
  type: z.string(),
  text: z.object({ body: z.string().max(4096) }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string().max(256), title: z.string().max(64) }).optional(),
      list_reply: z.object({ id: z.string().max(256), title: z.string().max(64) }).optional(),
    })
    .optional(),
  button: z.object({ payload: z.string().max(256).optional(), text: z.string().max(256) }).optional(),
  // Lenient: a media object we cannot use makes the message "unsupported", never the delivery a 400.
  image: mediaObject.optional().catch(undefined),
  document: mediaObject.optional().catch(undefined),
  audio: mediaObject.optional().catch(undefined),
  video: mediaObject.optional().catch(undefined),
  sticker: mediaObject.optional().catch(undefined),
  context: z.object({ id: z.string().optional() }).optional(),
});

const statusError = z.object({ code: z.number().int(), title: z.string().optional(), message: z.string().optional() });

const statusUpdate = z.object({
  id: z.string().min(1).max(200),
  status: z.string(),
  timestamp: z.string().regex(/^\d+$/),
  recipient_id: z.string().optional(),
  errors: z.array(statusError).optional(),
});

const changeValue = z.object({
  messaging_product: z.literal("whatsapp").optional(),
  metadata: z.object({ phone_number_id: z.string() }).optional(),
  contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string().max(256) }).optional() })).optional(),
  messages: z.array(inboundMessage).optional(),
  statuses: z.array(statusUpdate).optional(),
});

export const webhookPayloadSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(z.object({ id: z.string().optional(), changes: z.array(z.object({ field: z.string(), value: changeValue })) })),
});

/** What a person sent, reduced to what the bot acts on. */
export type InboundContent =
  | { type: "text"; text: string }
  | { type: "reply"; id: string; title: string }
  /** A file: fetched by its media id only when it goes somewhere (support); the type Meta names is a hint, never trusted. */
  | { type: "media"; kind: MediaKind; mediaId: string; mimeType?: string; caption?: string; filename?: string }
  | { type: "unsupported"; original: string };

export interface InboundItem {
  kind: "message";
  wamid: string;
  from: string;
  phoneNumberId?: string;
  profileName?: string;
  sentAt: Date;
  content: InboundContent;
}

export const TRACKED_STATUSES = ["sent", "delivered", "read", "failed"] as const;
export type TrackedStatus = (typeof TRACKED_STATUSES)[number];
const isTrackedStatus = (status: string): status is TrackedStatus => (TRACKED_STATUSES as readonly string[]).includes(status);

export interface StatusItem {
  kind: "status";
  wamid: string;
  status: TrackedStatus;
  occurredAt: Date;
  error?: { code: number; title?: string };
}

function contentOf(message: z.infer<typeof inboundMessage>): InboundContent {
  if (message.type === "text" && message.text) return { type: "text", text: message.text.body };
  const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
  if (message.type === "interactive" && reply) return { type: "reply", id: reply.id, title: reply.title };
  // A quick-reply button on a template carries its payload (our id) and its label.
  if (message.type === "button" && message.button) return { type: "reply", id: message.button.payload ?? message.button.text, title: message.button.text };
  const kind = MEDIA_KINDS.find((candidate) => candidate === message.type);
  const media = kind && message[kind];
  if (kind && media) {
    return {
      type: "media",
      kind,
      mediaId: media.id,
      ...(media.mime_type ? { mimeType: media.mime_type } : {}),
      ...(media.caption?.trim() ? { caption: media.caption } : {}),
      ...(media.filename?.trim() ? { filename: media.filename } : {}),
    };
  }
  return { type: "unsupported", original: message.type };
}

const fromUnix = (seconds: string) => new Date(Number(seconds) * 1000);

/** Every message and status in a delivery, in order; entries for other products or fields are skipped. */
export function extractWebhookItems(payload: z.infer<typeof webhookPayloadSchema>): Array<InboundItem | StatusItem> {
  const items: Array<InboundItem | StatusItem> = [];
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.field !== "messages") continue;
      const { value } = change;
      for (const message of value.messages ?? []) {
        items.push({
          kind: "message",
          wamid: message.id,
          from: message.from,
          phoneNumberId: value.metadata?.phone_number_id,
          profileName: value.contacts?.find((contact) => contact.wa_id === message.from)?.profile?.name,
          sentAt: fromUnix(message.timestamp),
          content: contentOf(message),
        });
      }
      for (const status of value.statuses ?? []) {
        const state = status.status;
        if (!isTrackedStatus(state)) continue;
        const error = status.errors?.[0];
        items.push({
          kind: "status",
          wamid: status.id,
          status: state,
          occurredAt: fromUnix(status.timestamp),
          ...(error ? { error: { code: error.code, title: error.title } } : {}),
        });
      }
    }
  }
  return items;
}

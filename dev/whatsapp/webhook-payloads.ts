/**
 * The `messages` webhook bodies Meta POSTs, built exactly in its layout:
 *   {"object":"whatsapp_business_account","entry":[{"id":<WABA id>,"changes":[{"field":"messages","value":{...}}]}]}
 * `value` carries either contacts + messages (the user wrote) or statuses (what happened to a message
 * the business sent), never both.
 */
import type { InboundSpec, TemplateCategory, WebhookStatus } from "./types";

export interface BusinessNumber {
  businessAccountId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

export interface InboundMedia {
  id: string;
  mimeType: string;
  sha256: string;
}

export interface InboundEvent {
  wamid: string;
  from: string;
  profileName: string;
  timestampSeconds: number;
  message: InboundSpec;
  contextWamid?: string;
  /** Stored bytes for image, document and audio messages. */
  media?: InboundMedia;
}

export type PricingCategory = "service" | TemplateCategory;

export interface StatusEvent {
  wamid: string;
  status: WebhookStatus;
  recipientId: string;
  timestampSeconds: number;
  /** Present on sent / delivered: which conversation and how it is priced (per-message pricing). */
  conversation?: { id: string; category: PricingCategory; billable: boolean; expirationSeconds?: number };
  error?: { code: number; title: string; details: string };
}

export function inboundPayload(business: BusinessNumber, event: InboundEvent): string {
  const message = {
    from: event.from,
    id: event.wamid,
    timestamp: String(event.timestampSeconds),
    ...(event.contextWamid === undefined ? {} : { context: { from: business.displayPhoneNumber, id: event.contextWamid } }),
    ...messageFields(event.message, event.media),
  };
  return envelope(business, {
    contacts: [{ profile: { name: event.profileName }, wa_id: event.from }],
    messages: [message],
  });
}

export function statusPayload(business: BusinessNumber, event: StatusEvent): string {
  const conversation = event.conversation;
  const status = {
    id: event.wamid,
    status: event.status,
    timestamp: String(event.timestampSeconds),
    recipient_id: event.recipientId,
    ...(conversation
      ? {
          conversation: {
            id: conversation.id,
            ...(conversation.expirationSeconds === undefined ? {} : { expiration_timestamp: String(conversation.expirationSeconds) }),
            origin: { type: conversation.category },
          },
          pricing: {
            billable: conversation.billable,
            pricing_model: "PMP",
            type: conversation.billable ? "regular" : "free_customer_service",
            category: conversation.category,
          },
        }
      : {}),
    ...(event.error
      ? {
          errors: [
            {
              code: event.error.code,
              title: event.error.title,
              message: event.error.title,
              error_data: { details: event.error.details },
              href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
            },
          ],
        }
      : {}),
  };
  return envelope(business, { statuses: [status] });
}

function envelope(business: BusinessNumber, fields: Record<string, unknown>): string {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: business.businessAccountId,
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: business.displayPhoneNumber, phone_number_id: business.phoneNumberId },
              ...fields,
            },
            field: "messages",
          },
        ],
      },
    ],
  });
}

function messageFields(message: InboundSpec, media: InboundMedia | undefined): Record<string, unknown> {
  const stored = media ? { mime_type: media.mimeType, sha256: media.sha256, id: media.id } : {};
  switch (message.type) {
    case "text":
      return { type: "text", text: { body: message.text } };
    case "button_reply":
      return { type: "interactive", interactive: { type: "button_reply", button_reply: { id: message.id, title: message.title } } };
    case "list_reply":
      return {
        type: "interactive",
        interactive: {
          type: "list_reply",
          list_reply: { id: message.id, title: message.title, ...(message.description === undefined ? {} : { description: message.description }) },
        },
      };
    case "button":
      return { type: "button", button: { payload: message.payload, text: message.text } };
    case "image":
      return { type: "image", image: { ...(message.caption === undefined ? {} : { caption: message.caption }), ...stored } };
    case "location":
      return { type: "location", location: { latitude: message.latitude, longitude: message.longitude } };
    case "document":
      return { type: "document", document: { ...(message.caption === undefined ? {} : { caption: message.caption }), filename: message.filename, ...stored } };
    case "audio":
      return { type: "audio", audio: { ...stored, voice: message.voice ?? true } };
  }
}

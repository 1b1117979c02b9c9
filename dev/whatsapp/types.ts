/**
 * Types shared by the WhatsApp Cloud API sandbox's modules and its public API (server.ts re-exports
 * the ones tests and the app's test harness use).
 */

/** The message types the sandbox accepts on POST /:phoneNumberId/messages. */
export const OUTBOUND_TYPES = ["text", "interactive", "document", "template", "image"] as const;
export type OutboundType = (typeof OUTBOUND_TYPES)[number];

/** Lifecycle of an outbound message as Meta reports it in status webhooks ("accepted" = API said 200). */
export type OutboundStatus = "accepted" | "sent" | "delivered" | "read" | "failed";
export type WebhookStatus = Exclude<OutboundStatus, "accepted">;

export type TemplateCategory = "utility" | "marketing" | "authentication";

export interface TemplateDefinition {
  name: string;
  /** Meta's language code, e.g. "en" or "en_US"; a send must name exactly this code. */
  language: string;
  bodyParameters: number;
  /** The approved body with {{1}}..{{n}} placeholders; only the simulator uses it, to render the message. */
  body?: string;
  /** Decides the status webhook's pricing category. Default "utility". */
  category?: TemplateCategory;
  /** Titles of the template's quick-reply buttons, in order; a send supplies each one's payload. */
  quickReplies?: string[];
}

export interface OutboundButton {
  id: string;
  title: string;
  description?: string;
}

/** What a valid send request means, independent of Meta's JSON layout. */
export interface OutboundContent {
  type: OutboundType;
  /** text.body, the interactive body text, the media caption, or "<template name>: <param> | <param>". */
  text: string;
  /** Reply buttons, or every row of every list section (in order). Empty otherwise. */
  buttons: OutboundButton[];
  /** A list message's menu button label. */
  listButton?: string;
  header?: string;
  footer?: string;
  mediaId?: string;
  link?: string;
  filename?: string;
  template?: { name: string; language: string; parameters: string[] };
  /** context.message_id: the wamid this message replies to. */
  contextWamid?: string;
}

export interface RecordedOutbound extends OutboundContent {
  wamid: string;
  /** Digits only, as Meta reports it in contacts[0].wa_id. */
  to: string;
  /** The request body exactly as parsed from JSON. */
  body: Record<string, unknown>;
  status: OutboundStatus;
  /** Every status the sandbox reported for it, oldest first (`at` from the sandbox clock). */
  statusHistory: Array<{ status: OutboundStatus; at: number }>;
  error?: { code: number; title: string };
  /** Milliseconds since the epoch, from the sandbox clock. */
  createdAt: number;
}

/**
 * The bytes behind an inbound photo, document or voice note, when a test wants chosen ones (a PNG, a
 * file that is not what its type claims, one over a size limit). Without it the sandbox stores a
 * small placeholder of the message's usual type (JPEG, PDF, OGG).
 */
export interface InboundFile {
  /** What Meta reports as mime_type, in the webhook and on GET /:mediaId. */
  mimeType: string;
  base64: string;
}

export type InboundSpec =
  | { type: "text"; text: string }
  | { type: "button_reply"; id: string; title: string }
  | { type: "list_reply"; id: string; title: string; description?: string }
  | { type: "button"; payload: string; text: string }
  | { type: "image"; caption?: string; file?: InboundFile }
  | { type: "location"; latitude: number; longitude: number }
  | { type: "document"; filename: string; caption?: string; file?: InboundFile }
  /** A voice note (voice: true, the default) or a shared audio file. */
  | { type: "audio"; voice?: boolean; file?: InboundFile };

/** A message "the user" sent, as the simulator shows it. */
export interface RecordedInbound {
  wamid: string;
  from: string;
  profileName: string;
  message: InboundSpec;
  contextWamid?: string;
  /** Media the sandbox stored for image / document / audio messages, so the app can fetch it. */
  mediaId?: string;
  createdAt: number;
  /** The app's HTTP status for the last delivery attempt (0 = unreachable); undefined while in flight. */
  webhookStatus?: number;
  /** The app marked it read (POST /messages with status "read"). */
  readByBusiness: boolean;
}

export interface DeliveryRecord {
  kind: "message" | "status";
  url: string;
  body: string;
  /** HTTP status the webhook answered; 0 when it could not be reached or timed out. */
  status: number;
  /** 1 for the first try, up to 4 with Meta-style retries. */
  attempt: number;
}

export interface SandboxLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

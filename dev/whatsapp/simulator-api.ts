/**
 * JSON endpoints behind the simulator page (dev only, no token: the sandbox listens on loopback):
 *   GET  /sim/api/state                      business number, known chats
 *   GET  /sim/api/conversation?number=<digits> one chat, oldest first, with statuses and the 24-h window
 *   POST /sim/api/send {from, profileName, message: InboundSpec, contextWamid?}  the user writes
 *                                            (a photo, document or voice note may carry chosen bytes: file {mimeType, base64})
 *   POST /sim/api/read {number}              the user opened the chat (marks delivered messages read when autoRead is off)
 *   GET  /sim/media/:id                      a stored file, so the page can open documents
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { Conversations } from "./conversations";
import { parseJson, readBody, sendJson } from "./http-util";
import type { InboundSpec, RecordedInbound, RecordedOutbound, TemplateDefinition } from "./types";

export interface SimulatorContext {
  conversations: Conversations;
  templates: readonly TemplateDefinition[];
  displayPhoneNumber: string;
  verifiedName: string;
  now: () => number;
  hasWebhook: () => boolean;
  sendInbound: (from: string, message: InboundSpec, options: { profileName: string; contextWamid?: string }) => Promise<{ wamid: string; status: number }>;
}

const numberSchema = z.string().regex(/^\d{8,15}$/, "must be 8 to 15 digits, country code first");
const short = (max: number) => z.string().min(1).max(max);

const MB = 1024 * 1024;
/** Chosen bytes for an inbound file, within what WhatsApp lets a user send of that kind (images 5 MB, audio 16 MB, documents 100 MB). */
const inboundFile = (maxBytes: number) =>
  z.object({
    mimeType: z.string().max(255).regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, "must be a MIME type such as image/png"),
    base64: z
      .base64()
      .min(4, "the file must not be empty")
      .refine((value) => Buffer.byteLength(value, "base64") <= maxBytes, `the file may be at most ${maxBytes} bytes`),
  });

export const inboundSpecSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: short(4096) }),
  z.object({ type: z.literal("button_reply"), id: short(256), title: short(20) }),
  z.object({ type: z.literal("list_reply"), id: short(200), title: short(24), description: z.string().max(72).optional() }),
  z.object({ type: z.literal("button"), payload: short(256), text: short(256) }),
  z.object({ type: z.literal("image"), caption: z.string().max(1024).optional(), file: inboundFile(5 * MB).optional() }),
  z.object({ type: z.literal("location"), latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }),
  z.object({ type: z.literal("document"), filename: short(240), caption: z.string().max(1024).optional(), file: inboundFile(100 * MB).optional() }),
  z.object({ type: z.literal("audio"), voice: z.boolean().optional(), file: inboundFile(16 * MB).optional() }),
]);

const sendSchema = z.object({
  from: numberSchema,
  profileName: z.string().trim().min(1).max(256).default("Sandbox User"),
  message: inboundSpecSchema,
  contextWamid: z.string().min(1).max(512).optional(),
});

export async function handleSimulatorApi(req: IncomingMessage, res: ServerResponse, url: URL, context: SimulatorContext): Promise<void> {
  const route = `${req.method ?? "GET"} ${url.pathname}`;
  if (route === "GET /sim/api/state") {
    return sendJson(res, 200, {
      business: { displayPhoneNumber: context.displayPhoneNumber, verifiedName: context.verifiedName },
      webhookConfigured: context.hasWebhook(),
      chats: context.conversations.numbers().map((number) => ({ number, profileName: context.conversations.profileName(number) ?? null })),
    });
  }
  if (route === "GET /sim/api/conversation") {
    const number = numberSchema.safeParse(url.searchParams.get("number") ?? "");
    if (!number.success) return sendJson(res, 400, { error: "number must be 8 to 15 digits" });
    return sendJson(res, 200, conversationView(number.data, context));
  }
  if (route === "POST /sim/api/send" || route === "POST /sim/api/read") {
    const raw = await readBody(req, 64 * 1024);
    const parsed = raw === null ? { ok: false as const } : parseJson(raw);
    if (!parsed.ok) return sendJson(res, 400, { error: "the body must be JSON, at most 64 KB" });
    if (route === "POST /sim/api/read") {
      const body = z.object({ number: numberSchema }).safeParse(parsed.value);
      if (!body.success) return sendJson(res, 400, { error: "number must be 8 to 15 digits" });
      context.conversations.userRead(body.data.number);
      return sendJson(res, 200, { ok: true });
    }
    const body = sendSchema.safeParse(parsed.value);
    if (!body.success) {
      const issue = body.error.issues[0];
      return sendJson(res, 400, { error: `${issue?.path.join(".") ?? "body"}: ${issue?.message ?? "invalid"}` });
    }
    if (!context.hasWebhook()) return sendJson(res, 409, { error: "no webhook URL is set: start the app, or set WHATSAPP_WEBHOOK_URL" });
    const { from, profileName, message, contextWamid } = body.data;
    const result = await context.sendInbound(from, message, { profileName, ...(contextWamid === undefined ? {} : { contextWamid }) });
    return sendJson(res, 200, result);
  }
  sendJson(res, 404, { error: "no such simulator endpoint" });
}

function conversationView(number: string, context: SimulatorContext) {
  const items = [
    ...context.conversations.inbound(number).map(inboundItem),
    ...context.conversations.outbound(number).map((record) => outboundItem(record, context.templates)),
  ].sort((a, b) => a.at - b.at);
  return {
    number,
    profileName: context.conversations.profileName(number) ?? null,
    now: context.now(),
    windowOpen: context.conversations.windowOpen(number),
    windowClosesAt: context.conversations.windowClosesAt(number) ?? null,
    items,
  };
}

function inboundItem(record: RecordedInbound) {
  return {
    direction: "in" as const,
    wamid: record.wamid,
    at: record.createdAt,
    type: record.message.type,
    text: inboundText(record.message),
    caption: record.message.type === "document" ? (record.message.caption ?? null) : null,
    mediaId: record.mediaId ?? null,
    contextWamid: record.contextWamid ?? null,
    webhookStatus: record.webhookStatus ?? null,
    readByBusiness: record.readByBusiness,
  };
}

function inboundText(message: InboundSpec): string {
  switch (message.type) {
    case "text":
      return message.text;
    case "button_reply":
    case "list_reply":
      return message.title;
    case "button":
      return message.text;
    case "image":
      return message.caption ?? "Photo";
    case "location":
      return `Location ${message.latitude}, ${message.longitude}`;
    case "document":
      return message.filename;
    case "audio":
      return message.voice === false ? "Audio" : "Voice message";
  }
}

function outboundItem(record: RecordedOutbound, templates: readonly TemplateDefinition[]) {
  return {
    display: templateText(record, templates),
    direction: "out" as const,
    wamid: record.wamid,
    at: record.createdAt,
    type: record.type,
    text: record.text,
    header: record.header ?? null,
    footer: record.footer ?? null,
    buttons: record.buttons,
    // A list shows its rows behind a menu button; reply buttons are shown directly.
    listButton: record.listButton ?? null,
    mediaId: record.mediaId ?? null,
    link: record.link ?? null,
    filename: record.filename ?? null,
    template: record.template ?? null,
    contextWamid: record.contextWamid ?? null,
    status: record.status,
    error: record.error ?? null,
  };
}

/** A template as the user would see it: its approved body with the parameters filled in. */
function templateText(record: RecordedOutbound, templates: readonly TemplateDefinition[]): string | null {
  const sent = record.template;
  const body = sent && templates.find((template) => template.name === sent.name && template.language === sent.language)?.body;
  if (!sent || body === undefined) return null;
  return body.replace(/\{\{(\d+)\}\}/g, (placeholder, index: string) => sent.parameters[Number(index) - 1] ?? placeholder);
}

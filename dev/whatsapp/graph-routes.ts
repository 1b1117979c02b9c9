/**
 * The Graph API routes the app calls, under /v<major>.<minor>/ (the app's WHATSAPP_API_URL):
 *   POST /:phoneNumberId/messages   send (or mark an inbound message read)
 *   POST /:phoneNumberId/media      upload (multipart/form-data)
 *   GET  /:mediaId                  media metadata with a download URL; DELETE removes it
 *   GET  /:phoneNumberId            the business number's profile
 * and the download URL itself, GET /media-download/:id. Every call needs the bearer token (401 / 190);
 * then an injected fault (failNext) answers instead, before any validation.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { GraphError, injectedFault, invalidParameter, invalidToken, mediaUploadError, unknownObject, unknownPath, valueNotValid } from "./graph-errors";
import { checkSendRequest } from "./graph-validation";
import { MAX_UPLOAD_BODY_BYTES, parseUpload, type MediaStore } from "./media-store";
import { bearerMatches, parseJson, readBody, sendJson } from "./http-util";
import type { Conversations } from "./conversations";
import type { TemplateDefinition } from "./types";

export interface Failure {
  httpStatus: number;
  code: number;
  message?: string;
  retryAfterSeconds?: number;
}

/** Faults queued by failNext, consumed one per Graph API call in the order they were queued. */
export class FaultQueue {
  private readonly queue: Array<{ failure: Failure; remaining: number }> = [];

  add(count: number, failure: Failure) {
    if (!Number.isInteger(count) || count < 1) throw new RangeError("failNext count must be a positive integer");
    if (!Number.isInteger(failure.httpStatus) || failure.httpStatus < 400 || failure.httpStatus > 599) throw new RangeError("failNext httpStatus must be 4xx or 5xx");
    this.queue.push({ failure: { ...failure }, remaining: count });
  }

  take(): Failure | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) this.queue.shift();
    return head.failure;
  }
}

export interface GraphContext {
  accessToken: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  templates: readonly TemplateDefinition[];
  media: MediaStore;
  conversations: Conversations;
  faults: FaultQueue;
  baseUrl: () => string;
}

const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** `segments` are the path parts after the version, e.g. ["100000000000001", "messages"]. */
export async function handleGraph(req: IncomingMessage, res: ServerResponse, segments: string[], context: GraphContext): Promise<void> {
  try {
    if (!bearerMatches(req.headers.authorization, context.accessToken)) throw invalidToken();
    const fault = context.faults.take();
    if (fault) throw injectedFault(fault);
    await route(req, res, segments, context);
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    // Drain what the client is still sending, so it reads our answer instead of a reset connection.
    req.resume();
    sendJson(res, error.httpStatus, error.toBody(), error.extra.headers);
  }
}

async function route(req: IncomingMessage, res: ServerResponse, segments: string[], context: GraphContext) {
  const method = req.method ?? "GET";
  const [id, edge, ...rest] = segments;
  if (id === undefined || id === "" || rest.length > 0) throw unknownPath(`/${segments.join("/")}`);

  if (edge === undefined) {
    if (id === context.phoneNumberId && method === "GET") return sendJson(res, 200, phoneNumberProfile(context));
    const media = context.media.get(id);
    if (!media || (method !== "GET" && method !== "DELETE")) throw unknownObject(method, id);
    if (method === "DELETE") {
      context.media.delete(id);
      return sendJson(res, 200, { success: true });
    }
    return sendJson(res, 200, {
      messaging_product: "whatsapp",
      url: `${context.baseUrl()}/media-download/${media.id}`,
      mime_type: media.mimeType,
      sha256: media.sha256,
      file_size: media.bytes.length,
      id: media.id,
    });
  }

  if (edge !== "messages" && edge !== "media") throw unknownPath(`/${segments.join("/")}`);
  if (id !== context.phoneNumberId || method !== "POST") throw unknownObject(method, id);
  return edge === "messages" ? sendMessage(req, res, context) : uploadMedia(req, res, context);
}

async function sendMessage(req: IncomingMessage, res: ServerResponse, context: GraphContext) {
  const raw = await readBody(req, MAX_JSON_BODY_BYTES);
  if (raw === null) throw invalidParameter(`The request body is larger than ${MAX_JSON_BODY_BYTES} bytes`);
  const parsed = parseJson(raw);
  if (!parsed.ok) throw invalidParameter("The request body is not valid JSON");
  const request = checkSendRequest(parsed.value, {
    templates: context.templates,
    mediaType: (mediaId) => context.media.get(mediaId)?.mimeType,
  });
  if (request.kind === "read") {
    if (!context.conversations.businessRead(request.messageId)) throw valueNotValid("Param message_id is not a message this phone number received");
    return sendJson(res, 200, { success: true });
  }
  const record = context.conversations.accept(request.to, request.content, request.body);
  sendJson(res, 200, {
    messaging_product: "whatsapp",
    contacts: [{ input: request.input, wa_id: request.to }],
    messages: [{ id: record.wamid, ...(request.content.type === "template" ? { message_status: "accepted" } : {}) }],
  });
}

async function uploadMedia(req: IncomingMessage, res: ServerResponse, context: GraphContext) {
  const raw = await readBody(req, MAX_UPLOAD_BODY_BYTES);
  if (raw === null) throw mediaUploadError(`The upload is larger than ${MAX_UPLOAD_BODY_BYTES} bytes`);
  const upload = await parseUpload(raw, req.headers["content-type"]);
  const media = context.media.add(upload.bytes, upload.mimeType, upload.filename);
  sendJson(res, 200, { id: media.id });
}

/** The media URL Meta hands out (lookaside.fbsbx.com in production) also needs the bearer token. */
export function handleMediaDownload(req: IncomingMessage, res: ServerResponse, id: string, context: GraphContext, options: { requireToken: boolean }) {
  if (options.requireToken && !bearerMatches(req.headers.authorization, context.accessToken)) {
    const error = invalidToken();
    return sendJson(res, error.httpStatus, error.toBody(), error.extra.headers);
  }
  const media = context.media.get(id);
  if (!media || req.method !== "GET") return sendJson(res, 404, { error: { message: "media not found", code: 100 } });
  res.writeHead(200, {
    "Content-Type": media.mimeType,
    "Content-Length": String(media.bytes.length),
    "Cache-Control": "no-store",
    "Content-Disposition": `${media.mimeType === "application/pdf" ? "inline" : "attachment"}; filename="${(media.filename ?? media.id).replace(/[^\w.-]/g, "_")}"`,
  });
  res.end(media.bytes);
}

function phoneNumberProfile(context: GraphContext) {
  return {
    verified_name: context.verifiedName,
    code_verification_status: "VERIFIED",
    display_phone_number: `+${context.displayPhoneNumber}`,
    quality_rating: "GREEN",
    platform_type: "CLOUD_API",
    throughput: { level: "STANDARD" },
    id: context.phoneNumberId,
  };
}

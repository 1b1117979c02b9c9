/**
 * The REST API subset the `pusher` server SDK calls (node_modules/pusher/lib/pusher.js, events.js,
 * requests.js): POST /apps/:id/events `{name, data, channels|channel, socket_id?, info?}`,
 * POST /apps/:id/batch_events `{batch: [{channel, name, data, socket_id?, info?}]}`, and the GET
 * channel queries reachable through `pusher.get({path})`. Every /apps request is signed
 * (signature.ts); errors answer in plain text like the real API (the SDK puts that text on
 * RequestError.body), successes in JSON.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { AppContext } from "./connection";
import type { Logger } from "./logger";
import { channelKind, channelNameSchema, encode, eventNameSchema, MAX_DATA_BYTES, socketIdSchema } from "./protocol";
import { verifyApiRequest } from "./signature";

export const MAX_BODY_BYTES = 256 * 1024;
export const MAX_CHANNELS_PER_EVENT = 100;
export const MAX_BATCH_SIZE = 10;

const apiEventNameSchema = eventNameSchema.refine((name) => !name.startsWith("pusher:") && !name.startsWith("pusher_internal:"), {
  message: "reserved event name",
});

const triggerBodySchema = z
  .object({
    name: apiEventNameSchema,
    data: z.string(),
    channels: z.array(channelNameSchema).min(1).max(MAX_CHANNELS_PER_EVENT).optional(),
    channel: channelNameSchema.optional(),
    socket_id: socketIdSchema.optional(),
    info: z.string().optional(),
  })
  .refine((body) => (body.channels === undefined) !== (body.channel === undefined), {
    message: "exactly one of channels or channel is required",
  });

const batchBodySchema = z.object({
  batch: z
    .array(
      z.object({
        channel: channelNameSchema,
        name: apiEventNameSchema,
        data: z.string(),
        socket_id: socketIdSchema.optional(),
        info: z.string().optional(),
      }),
    )
    .max(MAX_BATCH_SIZE),
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpApiDeps {
  findAppById(id: string): AppContext | undefined;
  logger: Logger;
  now?: () => number;
}

export function createHttpHandler(deps: HttpApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res, deps).catch((error: unknown) => {
      if (error instanceof HttpError) {
        sendText(res, error.status, error.message);
        return;
      }
      deps.logger.error("http api failure", { error: error instanceof Error ? error.message : "unknown" });
      sendText(res, 500, "Internal Server Error");
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: HttpApiDeps): Promise<void> {
  const rawUrl = req.url ?? "/";
  const queryStart = rawUrl.indexOf("?");
  const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? "" : rawUrl.slice(queryStart + 1));
  const method = req.method ?? "GET";

  if (path === "/" || path === "/ready") {
    sendText(res, 200, "OK");
    return;
  }

  const match = /^\/apps\/([^/]+)(\/.*)$/.exec(path);
  const appId = match?.[1];
  const route = match?.[2];
  if (appId === undefined || route === undefined) throw new HttpError(404, "Not found");
  const context = deps.findAppById(decodeURIComponent(appId));
  if (context === undefined) throw new HttpError(404, "Unknown app");

  const body = await readBody(req);
  const nowSeconds = Math.floor((deps.now?.() ?? Date.now()) / 1000);
  const auth = verifyApiRequest({ app: context.app, method, path, query, body, nowSeconds });
  if (!auth.ok) {
    deps.logger.warn("http api request refused", { appId: context.app.id, status: auth.status, path });
    throw new HttpError(auth.status, auth.message);
  }

  if (method === "POST" && route === "/events") {
    sendJson(res, 200, trigger(context, parseJson(body, triggerBodySchema), deps.logger));
    return;
  }
  if (method === "POST" && route === "/batch_events") {
    sendJson(res, 200, triggerBatch(context, parseJson(body, batchBodySchema), deps.logger));
    return;
  }
  if (method === "GET" && route === "/channels") {
    sendJson(res, 200, listChannels(context, query));
    return;
  }
  const channelRoute = /^\/channels\/([^/]+)(\/users)?$/.exec(route);
  const encodedName = channelRoute?.[1];
  if (method === "GET" && encodedName !== undefined) {
    const name = decodeURIComponent(encodedName);
    if (!channelNameSchema.safeParse(name).success) throw new HttpError(400, "Invalid channel name");
    sendJson(res, 200, channelRoute?.[2] === undefined ? channelInfo(context, name, query) : channelUsers(context, name));
    return;
  }
  throw new HttpError(404, "Not found");
}

function parseJson<T>(body: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new HttpError(400, "Invalid JSON body");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, `Invalid request body${issue ? `: ${issue.path.join(".") || "body"} ${issue.message}` : ""}`);
  }
  return parsed.data;
}

function assertDataSize(data: string) {
  if (Buffer.byteLength(data, "utf8") > MAX_DATA_BYTES) throw new HttpError(413, `Payload too large: data is limited to ${MAX_DATA_BYTES} bytes`);
}

function requestedInfo(info: string | undefined | null): Set<string> {
  return new Set((info ?? "").split(",").map((part) => part.trim()).filter((part) => part.length > 0));
}

function publishAttributes(context: AppContext, channel: string, info: Set<string>): Record<string, number> {
  const state = context.registry.info(channel);
  const attributes: Record<string, number> = {};
  if (info.has("subscription_count")) attributes.subscription_count = state.subscription_count;
  if (info.has("user_count") && state.user_count !== undefined) attributes.user_count = state.user_count;
  return attributes;
}

function publish(context: AppContext, channel: string, name: string, data: string, socketId: string | undefined): number {
  return context.registry.broadcast(channel, encode({ event: name, channel, data }), socketId);
}

function trigger(context: AppContext, body: z.infer<typeof triggerBodySchema>, logger: Logger) {
  assertDataSize(body.data);
  const channels = body.channels ?? (body.channel === undefined ? [] : [body.channel]);
  let delivered = 0;
  for (const channel of channels) delivered += publish(context, channel, body.name, body.data, body.socket_id);
  logger.debug("event triggered", { appId: context.app.id, event: body.name, channels: channels.length, delivered });

  const info = requestedInfo(body.info);
  if (info.size === 0) return {};
  return { channels: Object.fromEntries(channels.map((channel) => [channel, publishAttributes(context, channel, info)])) };
}

function triggerBatch(context: AppContext, body: z.infer<typeof batchBodySchema>, logger: Logger) {
  for (const event of body.batch) assertDataSize(event.data);
  let delivered = 0;
  for (const event of body.batch) delivered += publish(context, event.channel, event.name, event.data, event.socket_id);
  logger.debug("batch triggered", { appId: context.app.id, events: body.batch.length, delivered });

  if (!body.batch.some((event) => requestedInfo(event.info).size > 0)) return {};
  return { batch: body.batch.map((event) => publishAttributes(context, event.channel, requestedInfo(event.info))) };
}

function listChannels(context: AppContext, query: URLSearchParams) {
  const prefix = query.get("filter_by_prefix") ?? "";
  const info = requestedInfo(query.get("info"));
  if (info.has("user_count") && !prefix.startsWith("presence-")) {
    throw new HttpError(400, "user_count may only be requested for presence channels (filter_by_prefix=presence-)");
  }
  const channels: Record<string, Record<string, number>> = {};
  for (const name of context.registry.occupied(prefix)) {
    const attributes: Record<string, number> = {};
    const userCount = context.registry.info(name).user_count;
    if (info.has("user_count") && userCount !== undefined) attributes.user_count = userCount;
    channels[name] = attributes;
  }
  return { channels };
}

function channelInfo(context: AppContext, name: string, query: URLSearchParams) {
  const info = requestedInfo(query.get("info"));
  const state = context.registry.info(name);
  if (info.has("user_count") && channelKind(name) !== "presence") {
    throw new HttpError(400, "user_count may only be requested for presence channels");
  }
  const result: { occupied: boolean; subscription_count?: number; user_count?: number } = { occupied: state.occupied };
  if (info.has("subscription_count")) result.subscription_count = state.subscription_count;
  if (info.has("user_count")) result.user_count = state.user_count ?? 0;
  return result;
}

function channelUsers(context: AppContext, name: string) {
  if (channelKind(name) !== "presence") throw new HttpError(400, "Users may only be requested for presence channels");
  return { users: context.registry.userIds(name).map((id) => ({ id })) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const value: unknown = chunk;
    const buffer = Buffer.isBuffer(value) ? value : Buffer.from(String(value));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "Request Entity Too Large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function sendText(res: ServerResponse, status: number, text: string) {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

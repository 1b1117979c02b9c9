import { z } from "zod";
import { env } from "@/lib/env";
import { readCappedStream } from "@/lib/streams/read-capped-stream";
import { GraphApiError } from "./graph-errors";
import { toGraphBody, type OutboundMessage } from "./outbound-message";

const sendResponse = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });
const uploadResponse = z.object({ id: z.string().min(1) });
/** GET /<media id>: where to fetch the file (a short-lived URL that needs the same token), its type, hash and size. */
const mediaResponse = z.object({
  url: z.url({ protocol: /^https?$/ }),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  // Meta has sent file_size as a number and as a string of digits.
  file_size: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
});
const errorResponse = z.object({ error: z.object({ code: z.number().int().optional(), message: z.string().optional(), error_data: z.object({ details: z.string().optional() }).optional() }) });

export interface GraphClientOptions {
  baseUrl: string;
  phoneNumberId: string;
  accessToken: string;
  /** Attempts per call, the first included (transient and rate-limit failures only). */
  maxAttempts?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A file a person sent, fetched from Meta; or why it was not (larger than the caller's limit). */
export type MediaDownload =
  | { status: "downloaded"; bytes: Uint8Array<ArrayBuffer>; mimeType: string | undefined }
  | { status: "too-large"; bytes: number | undefined };

export interface GraphClient {
  sendMessage(to: string, message: OutboundMessage): Promise<{ wamid: string }>;
  uploadMedia(bytes: Uint8Array<ArrayBuffer>, mimeType: string, filename: string): Promise<{ mediaId: string }>;
  /**
   * The file behind an inbound message's media id: GET /<media id> for its URL, then the bytes from
   * that URL with the same token. Nothing over `maxBytes` is read: the declared size is checked first
   * and the stream is cut off past the limit. The hash Meta gives is checked (a mismatch is retried).
   */
  downloadMedia(mediaId: string, options: { maxBytes: number }): Promise<MediaDownload>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterSeconds(response: Response): number | undefined {
  const value = Number(response.headers.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Full jitter over an exponential step (250 ms, 500 ms, 1 s, ...), or exactly what Retry-After asks, capped at 30 s. */
function backoffMs(attempt: number, error: GraphApiError): number {
  if (error.retryAfterSeconds !== undefined) return Math.min(30_000, error.retryAfterSeconds * 1000);
  const ceiling = 250 * 2 ** (attempt - 1) * (error.outcome === "rate-limited" ? 4 : 1);
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Hex (what GET /<media id> gives) or base64 (what webhooks carry) of the bytes' SHA-256. */
async function matchesSha256(bytes: Uint8Array<ArrayBuffer>, expected: string): Promise<boolean> {
  const digest = Buffer.from(await crypto.subtle.digest("SHA-256", bytes));
  const given = expected.trim();
  return given.toLowerCase() === digest.toString("hex") || given === digest.toString("base64");
}

/** The body, or null as soon as it is over `maxBytes` (declared or streamed); the rest is never read. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  return readCappedStream(response.body, maxBytes);
}

/**
 * The WhatsApp Cloud API client: typed sends, media uploads and downloads, retried on 5xx and rate
 * limits with backoff (honouring Retry-After), every other Meta error surfaced as a GraphApiError
 * with its outcome.
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const maxAttempts = options.maxAttempts ?? 4;
  const sleep = options.sleep ?? realSleep;
  const base = options.baseUrl.replace(/\/$/, "");
  const endpoint = (path: string) => `${base}/${options.phoneNumberId}/${path}`;

  /** One request with the token and the timeout (which also bounds reading the body); a non-2xx answer throws. */
  async function request(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${options.accessToken}`, ...(init.headers as Record<string, string> | undefined) },
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (response.ok) return response;
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = errorResponse.safeParse(body);
    const detail = parsed.success ? (parsed.data.error.error_data?.details ?? parsed.data.error.message ?? "error") : `HTTP ${response.status}`;
    throw new GraphApiError(response.status, parsed.success ? parsed.data.error.code : undefined, detail, retryAfterSeconds(response));
  }

  /** Runs `once` until it succeeds, fails for good, or the attempts run out; network errors and timeouts count as transient. */
  async function withRetries<T>(once: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let failure: GraphApiError;
      try {
        return await once();
      } catch (error) {
        failure =
          error instanceof GraphApiError
            ? error
            : new GraphApiError(0, undefined, error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError") ? "timed out" : "unreachable");
      }
      if (!failure.retryable || attempt >= maxAttempts) throw failure;
      await sleep(backoffMs(attempt, failure));
    }
  }

  const call = (url: string, init: () => RequestInit): Promise<unknown> =>
    withRetries(async () => {
      const response = await request(url, init());
      return response.json().catch(() => undefined) as Promise<unknown>;
    });

  return {
    async sendMessage(to, message) {
      const body = await call(endpoint("messages"), () => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(toGraphBody(to, message)) }));
      const parsed = sendResponse.safeParse(body);
      if (!parsed.success) throw new GraphApiError(200, undefined, "send answered without a message id");
      const [first] = parsed.data.messages;
      if (!first) throw new GraphApiError(200, undefined, "send answered without a message id");
      return { wamid: first.id };
    },
    async uploadMedia(bytes, mimeType, filename) {
      const body = await call(endpoint("media"), () => {
        const form = new FormData();
        form.set("messaging_product", "whatsapp");
        form.set("type", mimeType);
        form.set("file", new Blob([bytes], { type: mimeType }), filename);
        return { method: "POST", body: form };
      });
      const parsed = uploadResponse.safeParse(body);
      if (!parsed.success) throw new GraphApiError(200, undefined, "upload answered without a media id");
      return { mediaId: parsed.data.id };
    },
    async downloadMedia(mediaId, { maxBytes }) {
      if (!/^[\w-]{1,200}$/.test(mediaId)) throw new GraphApiError(400, 100, "not a media id");
      // The URL expires within minutes, so each attempt asks for a fresh one.
      return withRetries(async (): Promise<MediaDownload> => {
        const parsed = mediaResponse.safeParse(await (await request(`${base}/${mediaId}`, { method: "GET" })).json().catch(() => undefined));
        if (!parsed.success) throw new GraphApiError(200, undefined, "media lookup answered without a download URL");
        const media = parsed.data;
        if (media.file_size !== undefined && media.file_size > maxBytes) return { status: "too-large", bytes: media.file_size };
        const bytes = await readCapped(await request(media.url, { method: "GET" }), maxBytes);
        if (!bytes) return { status: "too-large", bytes: media.file_size };
        // A cut-off or corrupted transfer is worth another try.
        if (media.sha256 && !(await matchesSha256(bytes, media.sha256))) throw new GraphApiError(0, undefined, "downloaded media does not match its sha256");
        return { status: "downloaded", bytes, mimeType: media.mime_type };
      });
    },
  };
}

let client: GraphClient | null | undefined;

/** The configured client, or null when WhatsApp is not configured (the channel is then off). */
export function getGraphClient(): GraphClient | null {
  if (client !== undefined) return client;
  const { WHATSAPP_PHONE_NUMBER_ID: phoneNumberId, WHATSAPP_ACCESS_TOKEN: accessToken } = env;
  client = phoneNumberId && accessToken ? createGraphClient({ baseUrl: env.WHATSAPP_API_URL, phoneNumberId, accessToken }) : null;
  return client;
}

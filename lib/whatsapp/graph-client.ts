import { z } from "zod";
import { env } from "@/lib/env";
import { GraphApiError } from "./graph-errors";
import { toGraphBody, type OutboundMessage } from "./outbound-message";

const sendResponse = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });
const uploadResponse = z.object({ id: z.string().min(1) });
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

export interface GraphClient {
  sendMessage(to: string, message: OutboundMessage): Promise<{ wamid: string }>;
  uploadMedia(bytes: Uint8Array<ArrayBuffer>, mimeType: string, filename: string): Promise<{ mediaId: string }>;
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

/**
 * The WhatsApp Cloud API client: typed sends and media uploads, retried on 5xx and rate limits with
 * backoff (honouring Retry-After), every other Meta error surfaced as a GraphApiError with its outcome.
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const maxAttempts = options.maxAttempts ?? 4;
  const sleep = options.sleep ?? realSleep;
  const endpoint = (path: string) => `${options.baseUrl.replace(/\/$/, "")}/${options.phoneNumberId}/${path}`;

  async function call(path: string, init: () => RequestInit): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      let failure: GraphApiError;
      try {
        const request = init();
        const response = await fetch(endpoint(path), {
          ...request,
          headers: { authorization: `Bearer ${options.accessToken}`, ...(request.headers as Record<string, string> | undefined) },
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        const body: unknown = await response.json().catch(() => undefined);
        if (response.ok) return body;
        const parsed = errorResponse.safeParse(body);
        const detail = parsed.success ? (parsed.data.error.error_data?.details ?? parsed.data.error.message ?? "error") : `HTTP ${response.status}`;
        failure = new GraphApiError(response.status, parsed.success ? parsed.data.error.code : undefined, detail, retryAfterSeconds(response));
      } catch (error) {
        if (error instanceof GraphApiError) throw error;
        failure = new GraphApiError(0, undefined, error instanceof Error && error.name === "TimeoutError" ? "timed out" : "unreachable");
      }
      if (!failure.retryable || attempt >= maxAttempts) throw failure;
      await sleep(backoffMs(attempt, failure));
    }
  }

  return {
    async sendMessage(to, message) {
      const body = await call("messages", () => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(toGraphBody(to, message)) }));
      const parsed = sendResponse.safeParse(body);
      if (!parsed.success) throw new GraphApiError(200, undefined, "send answered without a message id");
      const [first] = parsed.data.messages;
      if (!first) throw new GraphApiError(200, undefined, "send answered without a message id");
      return { wamid: first.id };
    },
    async uploadMedia(bytes, mimeType, filename) {
      const body = await call("media", () => {
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

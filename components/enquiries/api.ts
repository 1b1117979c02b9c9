import type { ApiError } from "@/components/forms/api";

/** An API error with what the enquiry screens act on besides the message. */
export interface EnquiryApiError extends ApiError {
  details?: Record<string, string>;
  /** Seconds to wait, from Retry-After on a 429. */
  retryAfterSeconds?: number;
}

export type EnquiryApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: EnquiryApiError };

const FALLBACK: Record<number, string> = {
  401: "Your session has ended. Sign in again to continue.",
  403: "You do not have permission to do this.",
  404: "That enquiry does not exist, or you cannot see it.",
  429: "Too many requests in a short time. Wait a moment and try again.",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/**
 * Same-origin JSON call that keeps the error's `details` and the Retry-After header (the shared
 * callApi drops both). Never throws: a network failure comes back as an error result.
 */
export async function requestJson<T>(url: string, options: { method?: "GET" | "POST"; body?: unknown; signal?: AbortSignal } = {}): Promise<EnquiryApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? "GET",
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal,
      headers: options.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    return { ok: false, status: 0, error: { code: "NETWORK", message: "Could not reach TenantLens. Check your connection and try again." } };
  }
  const text = await response.text().catch(() => "");
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (response.ok) return { ok: true, status: response.status, data: payload as T };

  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : undefined;
  const retryAfter = Number(response.headers.get("retry-after"));
  const details = stringRecord(error?.details);
  return {
    ok: false,
    status: response.status,
    error: {
      code: typeof error?.code === "string" ? error.code : `HTTP_${response.status}`,
      message: typeof error?.message === "string" ? error.message : (FALLBACK[response.status] ?? "Something went wrong on our side. Try again in a moment."),
      ...(typeof error?.field === "string" ? { field: error.field } : {}),
      ...(details ? { details } : {}),
      ...(response.status === 429 && Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: Math.ceil(retryAfter) } : {}),
    },
  };
}

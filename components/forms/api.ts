/** What every JSON API route answers on failure: `{ error: { code, message, field? } }`. */
export interface ApiError {
  code: string;
  message: string;
  field?: string;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const FALLBACK_MESSAGES: Record<number, string> = {
  401: "Your session has ended. Sign in again to continue.",
  403: "You do not have permission to do this.",
  404: "That no longer exists. Refresh the page and try again.",
  429: "Too many attempts. Wait a few minutes and try again.",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export function toApiError(payload: unknown, status: number): ApiError {
  const error = isRecord(payload) ? payload.error : undefined;
  if (isRecord(error) && typeof error.message === "string") {
    return {
      code: typeof error.code === "string" ? error.code : `HTTP_${status}`,
      message: error.message,
      ...(typeof error.field === "string" ? { field: error.field } : {}),
    };
  }
  return { code: `HTTP_${status}`, message: FALLBACK_MESSAGES[status] ?? "Something went wrong on our side. Try again in a moment." };
}

/**
 * Same-origin JSON call to our API. Never throws: a network failure or an error answer comes back as
 * `{ ok: false, error }` with the API's own message. The caller states what a success body looks like.
 * A FormData body goes as multipart/form-data (the browser sets the boundary); anything else as JSON.
 */
export async function callApi<T = unknown>(url: string, options: { method?: ApiMethod; body?: unknown } = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: options.body === undefined || options.body instanceof FormData ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: options.body === undefined ? undefined : options.body instanceof FormData ? options.body : JSON.stringify(options.body),
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
  return { ok: false, status: response.status, error: toApiError(payload, response.status) };
}

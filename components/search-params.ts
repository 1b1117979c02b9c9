/** Reads one query parameter from Next's searchParams (first value if repeated). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Where to go after signing in: only a path on this site (never `//host` or `/\host`, which browsers
 * treat as another origin), and never back to the auth pages or the API.
 */
export function safeCallbackUrl(value: string | undefined, fallback = "/dashboard"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\s]/.test(value)) return fallback;
  if (/^\/(sign-in|sign-up|api)(\/|\?|$)/.test(value)) return fallback;
  return value;
}

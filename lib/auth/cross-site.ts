import { env } from "@/lib/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated writes must come from our own pages: the browser's Sec-Fetch-Site says so
 * directly; older browsers send Origin, which must be ours. Requests with neither (curl, server-to-
 * server) are not browsers and carry no ambient cookie risk.
 */
export function isCrossSiteWrite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite) return fetchSite !== "same-origin" && fetchSite !== "none";
  const origin = request.headers.get("origin");
  if (!origin) return false;
  return origin !== new URL(env.APP_URL).origin && origin !== new URL(request.url).origin;
}

import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { buildContentSecurityPolicy, pusherConnectOrigins } from "@/lib/security/content-security-policy";

/**
 * Runs before every page and API request: a request id for logs and error responses, and a fresh CSP
 * nonce per page. Authentication is NOT decided here; every handler checks the session itself.
 */
export function proxy(request: NextRequest) {
  const requestId = crypto.randomUUID();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = buildContentSecurityPolicy({
    nonce,
    development: env.NODE_ENV === "development",
    connectOrigins: pusherConnectOrigins(env),
    upgradeInsecureRequests: env.APP_URL.startsWith("https://"),
  });

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};

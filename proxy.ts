import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig, isSignedInArea } from "@/auth.config";
import { env } from "@/lib/env";
import { buildContentSecurityPolicy, pusherConnectOrigins } from "@/lib/security/content-security-policy";

const { auth } = NextAuth({ ...authConfig, secret: env.AUTH_SECRET, useSecureCookies: env.APP_URL.startsWith("https://") });

/**
 * Runs before every page and API request: a request id for logs and error responses, a fresh CSP nonce
 * per page, the sliding refresh of the session cookie, and a convenience redirect to sign-in. It decides
 * nothing about access: every handler, action and page checks the session itself.
 */
export const proxy = auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (!request.auth?.user && isSignedInArea(pathname)) {
    const signIn = new URL("/sign-in", request.nextUrl);
    signIn.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(signIn);
  }

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
  headers.set("x-pathname", pathname + search);
  headers.set("content-security-policy", csp);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  return response;
});

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};

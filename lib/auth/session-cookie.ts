import { env } from "@/lib/env";

/** Auth.js's cookie name: `__Secure-` prefixed whenever the app is served over https. */
export function sessionCookieName(): string {
  return env.APP_URL.startsWith("https://") ? "__Secure-authjs.session-token" : "authjs.session-token";
}

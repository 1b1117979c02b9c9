import { headers } from "next/headers";
import { RateLimitedError } from "@/lib/api/errors";
import { requestContext, type RequestContext } from "@/lib/api/request-context";
import { assertRateLimit } from "./assert-rate-limit";

/**
 * For public pages opened from a link (shared report, consent request): each render reads the database
 * by token, so it is counted per IP under `api:default`, like a signed-in API call. The stricter
 * `auth:public-form` stays on the actions those pages post to. Returns the request context, or
 * "busy" when the caller should see the too-many-requests page instead.
 */
export async function limitPublicPage(): Promise<RequestContext | "busy"> {
  const context = requestContext(new Request("http://page.local", { headers: new Headers(await headers()) }));
  try {
    await assertRateLimit("api:default", context.ip ?? "unknown");
    return context;
  } catch (error) {
    if (error instanceof RateLimitedError) return "busy";
    throw error;
  }
}

import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { anonymousAuditContext, type RequestContext } from "./request-context";
import { withApi, type RouteParams } from "./with-api";
import type { AuditContext } from "@/lib/audit/record-audit-event";
import { assertRateLimit } from "@/lib/rate-limit/assert-rate-limit";
import type { RateLimitPolicyName } from "@/lib/rate-limit/policies";

export interface PublicContext<P extends RouteParams> extends RequestContext {
  params: P;
  audit: AuditContext;
  db: Database;
}

/**
 * The wrapper for unauthenticated API routes (registration, reset, invitations): a per-IP rate limit
 * declared next to the handler, an anonymous audit context, and the usual error mapping.
 */
export function withPublicRoute<P extends RouteParams = RouteParams>(
  options: { rateLimit: RateLimitPolicyName },
  handler: (request: Request, context: PublicContext<P>) => Promise<Response>,
) {
  return withApi<P>(async (request, context) => {
    await assertRateLimit(options.rateLimit, context.ip ?? "unknown");
    return handler(request, { ...context, audit: anonymousAuditContext(context), db: await getDb() });
  });
}

import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { ForbiddenError, UnauthenticatedError } from "@/lib/api/errors";
import type { RequestContext } from "@/lib/api/request-context";
import { withApi, type RouteParams } from "@/lib/api/with-api";
import type { AuditContext } from "@/lib/audit/record-audit-event";
import { assertRateLimit } from "@/lib/rate-limit/assert-rate-limit";
import type { RateLimitPolicyName } from "@/lib/rate-limit/policies";
import { isCrossSiteWrite } from "./cross-site";
import { can, requiresMfa, type Action } from "./permissions";
import { resolveActor, type ResolvedActor } from "./resolve-actor";

export interface AuthedContext<P extends RouteParams> extends RequestContext {
  params: P;
  actor: ResolvedActor;
  audit: AuditContext;
  db: Database;
}

export interface AuthOptions {
  /** The permission this handler needs; record-level checks happen in the service it calls. */
  permission: Action;
  rateLimit?: RateLimitPolicyName;
}

/** Actions staff may take before enrolling the MFA their role requires: enrolling it. */
const ALLOWED_WITHOUT_MFA: ReadonlySet<Action> = new Set(["account:manage-own"]);

/**
 * The wrapper every authenticated route handler uses: who is calling (session cookie or API token,
 * re-checked against the database), cross-site protection for cookie writes, the role's permission,
 * MFA for staff, and the per-user rate limit. The permission is declared next to the handler.
 */
export function withAuth<P extends RouteParams = RouteParams>(
  options: AuthOptions,
  handler: (request: Request, context: AuthedContext<P>) => Promise<Response>,
) {
  return withApi<P>(async (request, context) => {
    const db = await getDb();
    const actor = await resolveActor(db, request);
    if (!actor) throw new UnauthenticatedError();
    if (actor.via === "session" && isCrossSiteWrite(request)) {
      throw new ForbiddenError("Cross-site requests are not allowed.");
    }
    if (requiresMfa(actor.role) && !actor.mfaEnrolled && !ALLOWED_WITHOUT_MFA.has(options.permission)) {
      throw new ForbiddenError("Set up two-factor authentication in your account settings first.");
    }
    if (!can(actor, options.permission)) throw new ForbiddenError();
    await assertRateLimit(options.rateLimit ?? "api:default", actor.userId);
    const audit: AuditContext = {
      actorType: actor.via === "api-token" ? "api-token" : "user",
      actorId: actor.userId,
      organisationId: actor.organisationId,
      channel: actor.via === "api-token" ? "api" : "web",
      ip: context.ip,
      userAgent: context.userAgent,
      requestId: context.requestId,
    };
    return handler(request, { ...context, actor, audit, db });
  });
}

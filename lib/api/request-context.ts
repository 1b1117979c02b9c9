import type { AuditContext } from "@/lib/audit/record-audit-event";

export interface RequestContext {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

/** The proxy assigns the request id; a request that bypassed it (tests, internal calls) gets a fresh one. */
export function requestContext(request: Request): RequestContext {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    requestId: request.headers.get("x-request-id") ?? crypto.randomUUID(),
    ip: forwarded || request.headers.get("x-real-ip"),
    userAgent: request.headers.get("user-agent"),
  };
}

export function anonymousAuditContext(context: RequestContext): AuditContext {
  return { actorType: "anonymous", channel: "web", ip: context.ip, userAgent: context.userAgent, requestId: context.requestId };
}

import { auditQuerySchema, listAuditEvents } from "@/lib/admin/list-audit-events";
import { parseQuery } from "@/lib/api/parse-query";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

export const GET = withAuth({ permission: "audit:read" }, async (request, { db, actor }) =>
  json({ events: await listAuditEvents(db, actor, parseQuery(request, auditQuerySchema)) }),
);

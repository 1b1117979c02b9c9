import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { ForbiddenError } from "@/lib/api/errors";
import { can, type Actor } from "@/lib/auth/permissions";

export const auditQuerySchema = z.object({
  action: z.string().max(80).optional(),
  resourceType: z.string().max(80).optional(),
  resourceId: z.string().max(80).optional(),
  actorId: z.string().max(80).optional(),
  before: z.coerce.number().int().positive().optional(),
});

export async function listAuditEvents(db: Database, actor: Actor, query: z.infer<typeof auditQuerySchema>) {
  if (!can(actor, "audit:read")) throw new ForbiddenError();
  const filters: SQL[] = [];
  if (query.action) filters.push(eq(auditEvents.action, query.action));
  if (query.resourceType) filters.push(eq(auditEvents.resourceType, query.resourceType));
  if (query.resourceId) filters.push(eq(auditEvents.resourceId, query.resourceId));
  if (query.actorId) filters.push(eq(auditEvents.actorId, query.actorId));
  if (query.before) filters.push(lt(auditEvents.id, query.before));
  return db.select().from(auditEvents).where(and(...filters)).orderBy(desc(auditEvents.id)).limit(100);
}

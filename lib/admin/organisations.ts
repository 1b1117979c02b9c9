import { desc, eq, ilike, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { organisations, users } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { likePattern } from "./users";

export const organisationSearchSchema = z.object({ q: z.string().trim().max(160).optional() });
export const organisationUpdateSchema = z.object({ disabled: z.boolean() });

export async function listOrganisations(db: Database, actor: Actor, query: z.infer<typeof organisationSearchSchema>) {
  if (!can(actor, "org:manage-all")) throw new ForbiddenError();
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      disabledAt: organisations.disabledAt,
      createdAt: organisations.createdAt,
      members: sql<number>`(select count(*)::int from ${users} where ${users.organisationId} = ${organisations.id})`,
    })
    .from(organisations)
    .where(query.q ? ilike(organisations.name, likePattern(query.q)) : undefined)
    .orderBy(desc(organisations.createdAt))
    .limit(100);
}

/** A disabled organisation's members are refused on their next request (resolveActor checks it). */
export async function setOrganisationDisabled(db: Database, actor: Actor, context: AuditContext, organisationId: string, disabled: boolean) {
  if (!can(actor, "org:manage-all")) throw new ForbiddenError();
  if (organisationId === actor.organisationId) throw new ConflictError("You cannot disable your own organisation.", { code: "SELF_CHANGE" });
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(organisations)
      .set({ disabledAt: disabled ? new Date() : null })
      .where(eq(organisations.id, organisationId))
      .returning({ id: organisations.id });
    if (!row) throw new NotFoundError("Organisation");
    await recordAuditEvent(tx, context, { action: "admin.update-organisation", resourceType: "organisation", resourceId: organisationId, metadata: { disabled } });
  });
}

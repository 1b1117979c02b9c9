import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { organisations } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { billedEnquiriesThisMonth, countEnquiriesThisMonth } from "@/lib/enquiries/monthly-usage";

export const organisationSettingsSchema = z
  .object({
    monthlyEnquiryCap: z.number().int("Use a whole number of enquiries.").min(1, "The cap must be at least 1, or null for none.").max(100_000).nullable(),
    reportReuseDays: z.number().int("Use a whole number of days.").min(0, "Use 0 to never offer a recent report.").max(365, "At most 365 days."),
    whatsappRelinkDays: z.number().int("Use a whole number of days.").min(1, "At least 1 day, or null for never.").max(365, "At most 365 days.").nullable(),
  })
  .partial();

/** The organisation's limits and rules, with this month's usage, for its Property Manager. */
export async function readOrganisationSettings(db: Database, actor: Actor) {
  if (!can(actor, "org:manage-settings")) throw new ForbiddenError();
  const [row] = await db.select().from(organisations).where(eq(organisations.id, actor.organisationId));
  if (!row) throw new NotFoundError("Organisation");
  return {
    monthlyEnquiryCap: row.monthlyEnquiryCap,
    reportReuseDays: row.reportReuseDays,
    whatsappRelinkDays: row.whatsappRelinkDays,
    usage: { enquiriesThisMonth: await countEnquiriesThisMonth(db, actor.organisationId), billedThisMonth: await billedEnquiriesThisMonth(db, actor.organisationId) },
  };
}

export async function updateOrganisationSettings(db: Database, actor: Actor, audit: AuditContext, input: z.infer<typeof organisationSettingsSchema>) {
  if (!can(actor, "org:manage-settings")) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    await tx.update(organisations).set(input).where(eq(organisations.id, actor.organisationId));
    await recordAuditEvent(tx, audit, { action: "organisation.settings.update", resourceType: "organisation", resourceId: actor.organisationId, metadata: { ...input } });
  });
  return readOrganisationSettings(db, actor);
}

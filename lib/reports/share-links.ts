import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { reports, shareLinks } from "@/db/schema";
import { NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { generateSecretToken, hashSecretToken } from "@/lib/auth/secret-tokens";
import { env } from "@/lib/env";
import { readableEnquiry } from "@/lib/enquiries/read-enquiry";

export const createShareLinkSchema = z.object({
  expiresInDays: z.number().int().min(1, "At least 1 day.").max(7, "A share link lasts at most 7 days.").default(3),
  label: z.string().trim().max(80, "Use at most 80 characters.").optional(),
});

/** Only whoever may read the report may share it; the link is shown once and stored as a hash. */
export async function createShareLink(db: Database, actor: Actor, audit: AuditContext, enquiryId: string, input: z.infer<typeof createShareLinkSchema>) {
  await readableEnquiry(db, actor, enquiryId, "report:read");
  const [report] = await db.select({ pdf: reports.pdfObjectKey }).from(reports).where(eq(reports.enquiryId, enquiryId));
  if (!report?.pdf) throw new NotFoundError("Report");
  const token = generateSecretToken();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const link = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(shareLinks)
      .values({ enquiryId, tokenHash: await hashSecretToken(token), label: input.label, createdBy: actor.userId, expiresAt })
      .returning({ id: shareLinks.id, expiresAt: shareLinks.expiresAt, label: shareLinks.label });
    if (!row) throw new Error("share link insert returned no row");
    await recordAuditEvent(tx, audit, { action: "report.share-link.create", resourceType: "report", resourceId: enquiryId, metadata: { linkId: row.id, days: input.expiresInDays } });
    return row;
  });
  return { ...link, url: new URL(`/shared/${token}`, env.APP_URL).toString() };
}

export async function listShareLinks(db: Database, actor: Actor, enquiryId: string) {
  await readableEnquiry(db, actor, enquiryId, "report:read");
  return db
    .select({
      id: shareLinks.id,
      label: shareLinks.label,
      expiresAt: shareLinks.expiresAt,
      revokedAt: shareLinks.revokedAt,
      views: shareLinks.views,
      lastViewedAt: shareLinks.lastViewedAt,
      createdAt: shareLinks.createdAt,
    })
    .from(shareLinks)
    .where(eq(shareLinks.enquiryId, enquiryId))
    .orderBy(desc(shareLinks.createdAt));
}

export async function revokeShareLink(db: Database, actor: Actor, audit: AuditContext, enquiryId: string, linkId: string) {
  await readableEnquiry(db, actor, enquiryId, "report:read");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(shareLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(shareLinks.id, linkId), eq(shareLinks.enquiryId, enquiryId), isNull(shareLinks.revokedAt)))
      .returning({ id: shareLinks.id });
    if (!row) throw new NotFoundError("Share link");
    await recordAuditEvent(tx, audit, { action: "report.share-link.revoke", resourceType: "report", resourceId: enquiryId, metadata: { linkId } });
  });
}

/** A visitor with the link: it must be unrevoked and unexpired; every view is counted and audited. */
export async function openShareLink(db: Database, audit: AuditContext, token: string): Promise<{ enquiryId: string; linkId: string; expiresAt: Date }> {
  const [link] = await db
    .select()
    .from(shareLinks)
    .where(and(eq(shareLinks.tokenHash, await hashSecretToken(token)), isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, new Date())));
  if (!link) throw new NotFoundError("Shared report");
  await db.transaction(async (tx) => {
    await tx.update(shareLinks).set({ views: sql`${shareLinks.views} + 1`, lastViewedAt: new Date() }).where(eq(shareLinks.id, link.id));
    await recordAuditEvent(tx, { ...audit, actorType: "anonymous" }, { action: "report.share-link.view", resourceType: "report", resourceId: link.enquiryId, metadata: { linkId: link.id } });
  });
  return { enquiryId: link.enquiryId, linkId: link.id, expiresAt: link.expiresAt };
}

import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { cannedReplies } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import type { CannedReplyDto } from "./dto";
import { messageText } from "./message-text";

export const cannedReplySchema = z.object({
  title: z.string({ message: "Give the reply a title." }).trim().min(1, "Give the reply a title.").max(80, "Use at most 80 characters."),
  body: messageText,
});
export const cannedReplyUpdateSchema = cannedReplySchema.partial().refine((value) => value.title !== undefined || value.body !== undefined, { message: "Give a title or a body.", path: ["title"] });

const toDto = (row: typeof cannedReplies.$inferSelect): CannedReplyDto => ({ id: row.id, title: row.title, body: row.body });

/** Every agent reads the canned replies; only Admins manage them. */
export async function listCannedReplies(db: Database, actor: Actor): Promise<CannedReplyDto[]> {
  if (!can(actor, "support:reply")) throw new ForbiddenError();
  const rows = await db.select().from(cannedReplies).where(isNull(cannedReplies.archivedAt)).orderBy(asc(cannedReplies.title));
  return rows.map(toDto);
}

export async function createCannedReply(db: Database, actor: Actor, audit: AuditContext, input: z.infer<typeof cannedReplySchema>): Promise<CannedReplyDto> {
  if (!can(actor, "support:manage-canned-replies")) throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(cannedReplies).values({ ...input, createdBy: actor.userId }).returning();
    if (!row) throw new Error("canned reply not stored");
    await recordAuditEvent(tx, audit, { action: "support.canned_reply.create", resourceType: "canned_reply", resourceId: row.id });
    return toDto(row);
  });
}

export async function updateCannedReply(db: Database, actor: Actor, audit: AuditContext, id: string, input: z.infer<typeof cannedReplyUpdateSchema>): Promise<CannedReplyDto> {
  if (!can(actor, "support:manage-canned-replies")) throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(cannedReplies)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(cannedReplies.id, id), isNull(cannedReplies.archivedAt)))
      .returning();
    if (!row) throw new NotFoundError("Canned reply");
    await recordAuditEvent(tx, audit, { action: "support.canned_reply.update", resourceType: "canned_reply", resourceId: id });
    return toDto(row);
  });
}

export async function archiveCannedReply(db: Database, actor: Actor, audit: AuditContext, id: string): Promise<void> {
  if (!can(actor, "support:manage-canned-replies")) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(cannedReplies)
      .set({ archivedAt: new Date() })
      .where(and(eq(cannedReplies.id, id), isNull(cannedReplies.archivedAt)))
      .returning({ id: cannedReplies.id });
    if (!row) throw new NotFoundError("Canned reply");
    await recordAuditEvent(tx, audit, { action: "support.canned_reply.archive", resourceType: "canned_reply", resourceId: id });
  });
}

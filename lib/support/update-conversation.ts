import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { SUPPORT_STATUSES, supportConversations, users, type SupportConversationRow } from "@/db/schema";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { dispatchOutbox } from "@/lib/outbox/dispatch-outbox";
import { accessibleConversation } from "./access";
import { appendMessage } from "./append-message";
import type { ConversationDto } from "./dto";
import { publishConversation, publishMessage } from "./publish";
import { toConversationDtos } from "./to-dto";

export const conversationUpdateSchema = z
  .object({
    status: z.enum(SUPPORT_STATUSES, { message: 'Use "open", "pending" or "resolved".' }).optional(),
    assigneeId: z.uuid("Give the id of a support agent, or null to unassign.").nullable().optional(),
  })
  .refine((value) => value.status !== undefined || value.assigneeId !== undefined, { message: "Give a status or an assigneeId.", path: ["status"] });

export const RATING_REQUEST = "This conversation is resolved. How did we do? Rate us from 1 (poor) to 5 (excellent).";

/**
 * Staff change a conversation's status or assignee. Resolving asks the requester for a rating (in the
 * widget, and on WhatsApp through the outbox); reopening clears the resolution.
 */
export async function updateConversation(db: Database, actor: Actor, audit: AuditContext, conversationId: string, input: z.infer<typeof conversationUpdateSchema>): Promise<ConversationDto> {
  if (!can(actor, "support:reply")) throw new ForbiddenError();
  const { conversation } = await accessibleConversation(db, actor, conversationId);
  if (input.assigneeId) await assertAssignable(db, input.assigneeId);

  const changes: Partial<SupportConversationRow> = {};
  if (input.assigneeId !== undefined) changes.assigneeId = input.assigneeId;
  const resolving = input.status === "resolved" && conversation.status !== "resolved";
  if (input.status) {
    changes.status = input.status;
    changes.resolvedAt = input.status === "resolved" ? (conversation.resolvedAt ?? new Date()) : null;
  }
  const result = await db.transaction(async (tx) => {
    const [updated] = await tx.update(supportConversations).set(changes).where(eq(supportConversations.id, conversationId)).returning();
    if (!updated) throw new Error("support conversation vanished");
    await recordAuditEvent(tx, audit, {
      action: "support.conversation.update",
      resourceType: "support_conversation",
      resourceId: conversationId,
      metadata: { ...(input.status ? { status: input.status } : {}), ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}) },
    });
    if (!resolving) return { conversation: updated, ratingMessageId: undefined };
    const asked = await appendMessage(tx, audit, updated, { author: "system", authorUserId: null, visibility: "public", channel: updated.channel, text: RATING_REQUEST });
    return { conversation: { ...updated, lastMessageAt: asked.conversation.lastMessageAt }, ratingMessageId: asked.message.id };
  }).catch((error: unknown) => {
    // Reopening an old conversation while its requester has a newer unresolved one: one per requester.
    if (isUniqueViolation(error)) throw new ConflictError("The requester has another conversation open: continue there, or resolve it first.", { code: "REQUESTER_HAS_OPEN_CONVERSATION" });
    throw error;
  });
  if (result.ratingMessageId) await publishMessage(conversationId, result.ratingMessageId, "public");
  await publishConversation(result.conversation);
  await dispatchOutbox(db).catch(() => undefined);
  const [dto] = await toConversationDtos(db, [result.conversation], "agent");
  if (!dto) throw new Error("support conversation not serialised");
  return dto;
}

async function assertAssignable(db: Database, userId: string) {
  const [agent] = await db
    .select({ role: users.role })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  if (!agent || !can(agent, "support:reply")) throw new ValidationError("assigneeId", "Assign the conversation to an active support agent or admin.");
}

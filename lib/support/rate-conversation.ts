import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { supportConversations } from "@/db/schema";
import { ConflictError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { accessibleConversation } from "./access";
import type { ConversationDto } from "./dto";
import { publishConversation } from "./publish";
import { toConversationDtos } from "./to-dto";

export const ratingSchema = z.object({
  rating: z.number({ message: "Rate from 1 to 5." }).int("Rate with a whole number from 1 to 5.").min(1, "Rate from 1 to 5.").max(5, "Rate from 1 to 5."),
});

/** The requester rates a resolved conversation, once. */
export async function rateConversation(db: Database, actor: Actor, audit: AuditContext, conversationId: string, rating: number): Promise<ConversationDto> {
  const { conversation, side } = await accessibleConversation(db, actor, conversationId);
  if (side !== "requester") throw new ConflictError("Only the person who asked for help rates the conversation.", { code: "NOT_REQUESTER" });
  if (conversation.status !== "resolved") throw new ConflictError("A conversation can be rated once it is resolved.", { code: "CONVERSATION_NOT_RESOLVED" });
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(supportConversations)
      .set({ rating, ratedAt: new Date() })
      .where(and(eq(supportConversations.id, conversationId), isNull(supportConversations.rating)))
      .returning();
    if (!row) throw new ConflictError("This conversation has already been rated.", { code: "ALREADY_RATED" });
    await recordAuditEvent(tx, audit, { action: "support.conversation.rate", resourceType: "support_conversation", resourceId: conversationId, metadata: { rating } });
    return row;
  });
  await publishConversation(updated);
  const [dto] = await toConversationDtos(db, [updated], "requester");
  if (!dto) throw new Error("support conversation not serialised");
  return dto;
}

import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { supportConversations, type SupportConversationRow } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/api/errors";
import { can, type Actor } from "@/lib/auth/permissions";

export type SupportSide = "requester" | "agent";

/** Staff answer every conversation; a customer only ever takes part in their own. */
export function supportSideOf(actor: Pick<Actor, "role">): SupportSide {
  if (can(actor, "support:reply")) return "agent";
  if (can(actor, "support:converse")) return "requester";
  throw new ForbiddenError();
}

/**
 * The conversation if the actor may see it: its requester, or staff. Anyone else (a colleague or the
 * Property Manager of the requester included) gets the same 404 as for an id that does not exist.
 */
export async function accessibleConversation(db: DbExecutor, actor: Actor, conversationId: string): Promise<{ conversation: SupportConversationRow; side: SupportSide }> {
  const side = supportSideOf(actor);
  const [conversation] = await db.select().from(supportConversations).where(eq(supportConversations.id, conversationId));
  if (!conversation || (side === "requester" && conversation.requesterId !== actor.userId)) throw new NotFoundError("Conversation");
  return { conversation, side };
}

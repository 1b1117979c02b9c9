import { and, desc, eq, ilike, inArray, isNull, ne, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { organisations, SUPPORT_CHANNELS, SUPPORT_STATUSES, supportConversations, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { supportSideOf } from "./access";
import type { ConversationDto } from "./dto";
import { toConversationDtos } from "./to-dto";

export const conversationFilterSchema = z.object({
  scope: z.enum(["mine", "unassigned", "all"], { message: 'Use "mine", "unassigned" or "all".' }).default("all"),
  /** "unresolved" = open or pending: everything still needing attention, the inbox's default. */
  status: z.enum([...SUPPORT_STATUSES, "unresolved"], { message: 'Use "open", "pending", "resolved" or "unresolved".' }).optional(),
  channel: z.enum(SUPPORT_CHANNELS, { message: 'Use "web" or "whatsapp".' }).optional(),
  q: z.string().trim().max(100, "Search with at most 100 characters.").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ConversationFilter = z.infer<typeof conversationFilterSchema>;

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;

/**
 * Customers see their own conversations. Staff filter the inbox: mine / unassigned / all, status,
 * channel, and a search over the requester's name, email and organisation (message texts are sealed,
 * so they are not searchable in the database).
 */
export async function listConversations(db: Database, actor: Actor, filter: ConversationFilter): Promise<ConversationDto[]> {
  const side = supportSideOf(actor);
  const conditions: (SQL | undefined)[] = [];
  if (side === "requester") conditions.push(eq(supportConversations.requesterId, actor.userId));
  else if (filter.scope === "mine") conditions.push(eq(supportConversations.assigneeId, actor.userId));
  else if (filter.scope === "unassigned") conditions.push(isNull(supportConversations.assigneeId));
  if (filter.status === "unresolved") conditions.push(ne(supportConversations.status, "resolved"));
  else if (filter.status) conditions.push(eq(supportConversations.status, filter.status));
  if (filter.channel) conditions.push(eq(supportConversations.channel, filter.channel));
  if (filter.q && side === "agent") {
    const pattern = likePattern(filter.q);
    const matching = db
      .select({ id: users.id })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(organisations.name, pattern)));
    conditions.push(inArray(supportConversations.requesterId, matching));
  }
  const rows = await db
    .select()
    .from(supportConversations)
    .where(and(...conditions))
    .orderBy(desc(supportConversations.lastMessageAt))
    .limit(filter.limit);
  return toConversationDtos(db, rows, side);
}

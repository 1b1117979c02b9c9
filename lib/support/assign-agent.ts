import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbExecutor } from "@/db/client";
import { supportAgentAssignments, supportConversations, users } from "@/db/schema";
import { logger } from "@/lib/logger";
import { channels } from "@/lib/realtime/channel-policy";
import { getPusher } from "@/lib/realtime/pusher-server";

const presenceUsers = z.object({ users: z.array(z.object({ id: z.string() })) });

/** Agents with the inbox open right now: members of the agents' presence channel (Pusher's HTTP API). */
export async function onlineAgentIds(): Promise<string[]> {
  const pusher = getPusher();
  if (!pusher) return [];
  try {
    const response = await pusher.get({ path: `/channels/${channels.agents}/users` });
    if (!response.ok) return [];
    return presenceUsers.parse(await response.json()).users.map((user) => user.id);
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : "unknown" }, "agent presence unavailable; conversation left unassigned");
    return [];
  }
}

/**
 * Round-robin over the online Support Agents: the one whose last assignment is oldest (never first)
 * takes the conversation. With nobody online it stays unassigned for whoever comes in first.
 * Only assigns a conversation that is still unassigned, so a manual assignment always wins.
 */
export async function assignRoundRobin(db: DbExecutor, conversationId: string, online: string[]): Promise<string | null> {
  if (online.length === 0) return null;
  const candidates = await db
    .select({ id: users.id })
    .from(users)
    .leftJoin(supportAgentAssignments, eq(supportAgentAssignments.agentId, users.id))
    .where(and(inArray(users.id, online), eq(users.role, "support_agent"), isNull(users.disabledAt)))
    .orderBy(sql`${supportAgentAssignments.lastAssignedAt} asc nulls first`, asc(users.id))
    .limit(1);
  const agent = candidates[0];
  if (!agent) return null;
  const now = new Date();
  const [assigned] = await db
    .update(supportConversations)
    .set({ assigneeId: agent.id })
    .where(and(eq(supportConversations.id, conversationId), isNull(supportConversations.assigneeId)))
    .returning({ id: supportConversations.id });
  if (!assigned) return null;
  await db
    .insert(supportAgentAssignments)
    .values({ agentId: agent.id, lastAssignedAt: now })
    .onConflictDoUpdate({ target: supportAgentAssignments.agentId, set: { lastAssignedAt: now } });
  return agent.id;
}

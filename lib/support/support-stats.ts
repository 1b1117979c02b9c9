import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { supportConversations } from "@/db/schema";
import { ForbiddenError } from "@/lib/api/errors";
import { can, type Actor } from "@/lib/auth/permissions";
import type { SupportStatsDto } from "./dto";

/** The Admin's figures: the queue now, median time to first response and ratings over the last 30 days. */
export async function supportStats(db: Database, actor: Actor): Promise<SupportStatsDto> {
  if (!can(actor, "support:view-stats")) throw new ForbiddenError();
  const since = sql`now() - interval '30 days'`;
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${supportConversations.status} = 'open')`.mapWith(Number),
      pending: sql<number>`count(*) filter (where ${supportConversations.status} = 'pending')`.mapWith(Number),
      unassigned: sql<number>`count(*) filter (where ${supportConversations.status} <> 'resolved' and ${supportConversations.assigneeId} is null)`.mapWith(Number),
      medianFirstResponse: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${supportConversations.firstResponseAt} - ${supportConversations.createdAt})) filter (where ${supportConversations.firstResponseAt} is not null and ${supportConversations.createdAt} > ${since})`,
      averageRating: sql<number | null>`avg(${supportConversations.rating}) filter (where ${supportConversations.ratedAt} > ${since})`,
      ratings: sql<number>`count(${supportConversations.rating}) filter (where ${supportConversations.ratedAt} > ${since})`.mapWith(Number),
    })
    .from(supportConversations);
  const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const average = number(row?.averageRating);
  const median = number(row?.medianFirstResponse);
  return {
    openConversations: row?.open ?? 0,
    pendingConversations: row?.pending ?? 0,
    unassignedConversations: row?.unassigned ?? 0,
    medianFirstResponseSeconds: median === null ? null : Math.round(median),
    averageRating: average === null ? null : Math.round(average * 10) / 10,
    ratings: row?.ratings ?? 0,
  };
}

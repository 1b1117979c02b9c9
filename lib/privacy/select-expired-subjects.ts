import { and, asc, isNull, lt, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { enquiries, subjects, TERMINAL_STATUSES } from "@/db/schema";

const DAY_MS = 86_400_000;

/** What the retention rule looks at for one subject. */
export interface RetentionFacts {
  subjectId: string;
  /** When we first recorded the subject (the date that counts when no enquiry about them exists). */
  createdAt: Date;
  /** Enquiries not yet ready, failed or expired: while one runs, the data is in use. */
  openEnquiries: number;
  /** When the most recent finished enquiry ended (`completed_at`, else its last update), if any. */
  lastEndedAt: Date | null;
}

/**
 * The retention rule (POPIA s14: kept no longer than the purpose needs): a subject's personal data may
 * be kept for `retentionDays` after their most recent enquiry ended, and not while one is running.
 * Returns when that period ends, or null while an enquiry is still open.
 */
export function retentionEndsAt(facts: Pick<RetentionFacts, "createdAt" | "openEnquiries" | "lastEndedAt">, retentionDays: number): Date | null {
  if (facts.openEnquiries > 0) return null;
  const from = facts.lastEndedAt && facts.lastEndedAt > facts.createdAt ? facts.lastEndedAt : facts.createdAt;
  return new Date(from.getTime() + retentionDays * DAY_MS);
}

export function isRetentionExpired(facts: Pick<RetentionFacts, "createdAt" | "openEnquiries" | "lastEndedAt">, now: Date, retentionDays: number): boolean {
  const endsAt = retentionEndsAt(facts, retentionDays);
  return endsAt !== null && endsAt.getTime() <= now.getTime();
}

/** The subjects among `candidates` whose retention period has ended, oldest first. Pure. */
export function expiredSubjects(candidates: RetentionFacts[], now: Date, retentionDays: number): string[] {
  return candidates
    .filter((facts) => isRetentionExpired(facts, now, retentionDays))
    .sort((a, b) => (a.lastEndedAt ?? a.createdAt).getTime() - (b.lastEndedAt ?? b.createdAt).getTime())
    .map((facts) => facts.subjectId);
}

const terminal = sql.join(
  TERMINAL_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);

/**
 * Up to `limit` subjects, not yet erased, that the retention rule lets go. The query narrows with the
 * same rule (a subject can only qualify if it was recorded before the cut-off) and `expiredSubjects`
 * decides, so the rule lives in one tested place.
 */
export async function selectExpiredSubjects(db: DbExecutor, options: { now: Date; retentionDays: number; limit: number }): Promise<string[]> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * DAY_MS);
  const open = sql<number>`count(${enquiries.id}) filter (where ${enquiries.status} not in (${terminal}))`.mapWith(Number);
  const lastEnded = sql<Date | null>`max(coalesce(${enquiries.completedAt}, ${enquiries.updatedAt})) filter (where ${enquiries.status} in (${terminal}))`.mapWith(
    (value: string | Date | null) => (value === null ? null : new Date(value)),
  );
  const rows = await db
    .select({ subjectId: subjects.id, createdAt: subjects.createdAt, openEnquiries: open, lastEndedAt: lastEnded })
    .from(subjects)
    .leftJoin(enquiries, sql`${enquiries.subjectId} = ${subjects.id}`)
    .where(and(isNull(subjects.erasedAt), lt(subjects.createdAt, cutoff)))
    .groupBy(subjects.id)
    .having(
      and(
        sql`count(${enquiries.id}) filter (where ${enquiries.status} not in (${terminal})) = 0`,
        sql`coalesce(max(coalesce(${enquiries.completedAt}, ${enquiries.updatedAt})) filter (where ${enquiries.status} in (${terminal})), ${subjects.createdAt}) < ${cutoff.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(subjects.createdAt))
    .limit(options.limit);
  return expiredSubjects(rows, options.now, options.retentionDays);
}

import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { outbox } from "@/db/schema";
import { inngest } from "@/inngest/client";
import { logger } from "@/lib/logger";

const BATCH = 100;

/**
 * Sends undelivered outbox rows to Inngest with the row's own event id, so a row sent twice (a crash
 * between send and mark) is deduplicated by Inngest rather than run twice. `olderThanMs` lets the
 * cron leave fresh rows to the request that wrote them.
 */
export async function dispatchOutbox(db: DbExecutor, options: { olderThanMs?: number; limit?: number } = {}): Promise<number> {
  const cutoff = new Date(Date.now() - (options.olderThanMs ?? 0));
  const pending = await db
    .select()
    .from(outbox)
    .where(and(isNull(outbox.dispatchedAt), lt(outbox.createdAt, new Date(cutoff.getTime() + 1))))
    .orderBy(asc(outbox.id))
    .limit(options.limit ?? BATCH);
  if (pending.length === 0) return 0;
  try {
    await inngest.send(pending.map((row) => ({ id: row.eventId, name: row.name, data: row.data })));
  } catch (error) {
    logger.warn({ count: pending.length, err: error instanceof Error ? error.message : "unknown" }, "outbox dispatch failed; the cron retries");
    for (const row of pending) {
      await db
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error instanceof Error ? error.message.slice(0, 200) : "unknown" })
        .where(eq(outbox.id, row.id));
    }
    return 0;
  }
  for (const row of pending) {
    await db.update(outbox).set({ dispatchedAt: new Date(), attempts: sql`${outbox.attempts} + 1` }).where(eq(outbox.id, row.id));
  }
  return pending.length;
}

import { and, asc, inArray, isNull, lt, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { outbox } from "@/db/schema";
import { inngest } from "@/inngest/client";
import { logger } from "@/lib/logger";

const BATCH = 100;

/**
 * Sends undelivered outbox rows to Inngest with the row's own event id, so a row sent twice (a crash
 * between send and mark) is deduplicated by Inngest rather than run twice. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED` for the length of the send: many requests dispatching at once each take
 * different rows instead of all re-sending (and re-marking) the same oldest ones. `olderThanMs` lets
 * the cron leave fresh rows to the request that wrote them.
 */
export async function dispatchOutbox(db: DbExecutor, options: { olderThanMs?: number; limit?: number } = {}): Promise<number> {
  const cutoff = new Date(Date.now() - (options.olderThanMs ?? 0) + 1);
  return db.transaction(async (tx) => {
    const pending = await tx
      .select()
      .from(outbox)
      .where(and(isNull(outbox.dispatchedAt), lt(outbox.createdAt, cutoff)))
      .orderBy(asc(outbox.id))
      .limit(options.limit ?? BATCH)
      .for("update", { skipLocked: true });
    if (pending.length === 0) return 0;
    const ids = pending.map((row) => row.id);
    try {
      await inngest.send(pending.map((row) => ({ id: row.eventId, name: row.name, data: row.data })));
    } catch (error) {
      logger.warn({ count: pending.length, err: error instanceof Error ? error.message : "unknown" }, "outbox dispatch failed; the cron retries");
      await tx
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error instanceof Error ? error.message.slice(0, 200) : "unknown" })
        .where(inArray(outbox.id, ids));
      return 0;
    }
    await tx.update(outbox).set({ dispatchedAt: new Date(), attempts: sql`${outbox.attempts} + 1` }).where(inArray(outbox.id, ids));
    return pending.length;
  });
}

/** The cron's sweep: batch after batch until nothing older than `olderThanMs` is left or time is up. */
export async function drainOutbox(db: DbExecutor, options: { olderThanMs: number; budgetMs: number }): Promise<number> {
  const deadline = Date.now() + options.budgetMs;
  let total = 0;
  for (;;) {
    const sent = await dispatchOutbox(db, { olderThanMs: options.olderThanMs, limit: 500 });
    total += sent;
    if (sent === 0 || Date.now() > deadline) return total;
  }
}

/**
 * Hands the named events (the ones a request just committed) to Inngest, without claiming or waiting
 * on anyone else's rows: under a burst every request sends its own, none queue behind the others.
 * A row the cron sends at the same moment is deduplicated by Inngest through its event id.
 */
export async function dispatchOutboxEvents(db: DbExecutor, eventIds: string[]): Promise<number> {
  if (eventIds.length === 0) return 0;
  const pending = await db
    .select()
    .from(outbox)
    .where(and(inArray(outbox.eventId, eventIds), isNull(outbox.dispatchedAt)));
  if (pending.length === 0) return 0;
  await inngest.send(pending.map((row) => ({ id: row.eventId, name: row.name, data: row.data })));
  await db
    .update(outbox)
    .set({ dispatchedAt: new Date(), attempts: sql`${outbox.attempts} + 1` })
    .where(and(inArray(outbox.id, pending.map((row) => row.id)), isNull(outbox.dispatchedAt)));
  return pending.length;
}

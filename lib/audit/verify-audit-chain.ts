import { asc, gt } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { GENESIS_HASH, chainHash } from "./hash-chain";

export type ChainVerdict =
  | { ok: true; checked: number; headHash: string }
  | { ok: false; checked: number; brokenAtId: number; reason: "hash-mismatch" | "broken-link" };

const BATCH = 1_000;

/** Walks the whole chain in id order; the first row whose link or hash does not recompute is reported. */
export async function verifyAuditChain(db: DbExecutor): Promise<ChainVerdict> {
  let expectedPrev = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, afterId))
      .orderBy(asc(auditEvents.id))
      .limit(BATCH);
    for (const row of rows) {
      if (row.prevHash !== expectedPrev) return { ok: false, checked, brokenAtId: row.id, reason: "broken-link" };
      if ((await chainHash(row)) !== row.hash) return { ok: false, checked, brokenAtId: row.id, reason: "hash-mismatch" };
      expectedPrev = row.hash;
      afterId = row.id;
      checked += 1;
    }
    if (rows.length < BATCH) return { ok: true, checked, headHash: expectedPrev };
  }
}

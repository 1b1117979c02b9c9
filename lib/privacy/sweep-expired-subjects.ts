import type { Database } from "@/db/client";
import { SYSTEM_AUDIT_CONTEXT } from "@/lib/audit/record-audit-event";
import { logger } from "@/lib/logger";
import { selectExpiredSubjects } from "./select-expired-subjects";
import { shredSubject } from "./shred-subject";

export interface SweepResult {
  erased: number;
  failed: number;
  /** True when the batch was full: more subjects may be waiting for the next run. */
  more: boolean;
}

/**
 * The retention sweep (no permission check: a system job, audited as `system`): erases up to `limit`
 * subjects whose most recent enquiry ended more than `retentionDays` ago, each in its own transaction
 * with reason `retention-expired` (their blind index is retired, so the person can be screened again
 * as a new subject). One subject that fails is logged by id and left for the next run.
 */
export async function sweepExpiredSubjects(db: Database, options: { now?: Date; retentionDays: number; limit?: number }): Promise<SweepResult> {
  const limit = options.limit ?? 200;
  const due = await selectExpiredSubjects(db, { now: options.now ?? new Date(), retentionDays: options.retentionDays, limit });
  let erased = 0;
  let failed = 0;
  for (const subjectId of due) {
    try {
      const result = await shredSubject(db, SYSTEM_AUDIT_CONTEXT, subjectId, "retention-expired", { retentionDays: options.retentionDays });
      if (!result.alreadyErased) erased += 1;
    } catch (error) {
      failed += 1;
      logger.error({ subjectId, err: error instanceof Error ? error.message : "unknown" }, "retention sweep: subject not erased");
    }
  }
  return { erased, failed, more: due.length === limit };
}

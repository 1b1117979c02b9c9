import { cron } from "inngest";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { sweepExpiredSubjects } from "@/lib/privacy/sweep-expired-subjects";
import { inngest } from "../client";

/** Subjects erased per step, and steps per night: a backlog drains over a few nights, never in one long run. */
const BATCH = 200;
const MAX_BATCHES = 25;

/**
 * Nightly (03:30 SAST) retention sweep: erases, with reason `retention-expired`, every applicant whose
 * most recent enquiry ended more than SUBJECT_RETENTION_DAYS ago (lib/privacy/select-expired-subjects.ts).
 * Each batch is its own step, so a retry repeats only the batch that failed (and erasure is idempotent).
 */
export const eraseExpiredSubjects = inngest.createFunction(
  { id: "erase-expired-subjects", retries: 2, concurrency: { limit: 1 }, triggers: [cron("30 1 * * *")] },
  async ({ step }) => {
    let erased = 0;
    let failed = 0;
    for (let batch = 1; batch <= MAX_BATCHES; batch += 1) {
      const result = await step.run(`erase-batch-${batch}`, async () => sweepExpiredSubjects(await getDb(), { retentionDays: env.SUBJECT_RETENTION_DAYS, limit: BATCH }));
      erased += result.erased;
      failed += result.failed;
      // A batch of only failures would be selected again at once: leave those for tomorrow.
      if (!result.more || result.erased === 0) break;
    }
    return { erased, failed, retentionDays: env.SUBJECT_RETENTION_DAYS };
  },
);

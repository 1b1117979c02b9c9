import { cron } from "inngest";
import { getDb } from "@/db";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { logger } from "@/lib/logger";
import { inngest } from "../client";

/** Nightly (02:30 SAST) tamper check of the audit log, so a broken chain is noticed within a day, not at an audit. */
export const verifyAuditChainNightly = inngest.createFunction(
  { id: "verify-audit-chain", retries: 2, triggers: [cron("30 0 * * *")] },
  async ({ step }) => {
    const verdict = await step.run("verify-chain", async () => verifyAuditChain(await getDb()));
    if (!verdict.ok) logger.error(verdict, "audit chain broken: a row was changed or removed outside the app");
    return verdict;
  },
);

import { cron } from "inngest";
import { getDb } from "@/db";
import { pruneSessions } from "@/lib/sessions/prune-sessions";
import { inngest } from "../client";

/** Nightly (03:00 SAST): session rows are personal data (user agent, times) and are kept only as long as useful. */
export const pruneSessionsNightly = inngest.createFunction(
  { id: "prune-sessions", retries: 2, triggers: [cron("0 1 * * *")] },
  async ({ step }) => {
    const deleted = await step.run("delete-old-session-rows", async () => pruneSessions(await getDb()));
    return { deleted };
  },
);

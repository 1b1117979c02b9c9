import { after } from "next/server";
import { logger } from "@/lib/logger";

/**
 * Work that must not delay the response (e.g. handing outbox rows to Inngest). Inside Next this is
 * `after()`, which keeps a serverless function alive until the work ends; called outside a request
 * scope (scripts, tests) it simply starts the work. Failures are logged; the caller has a retry path.
 */
export function afterResponse(label: string, task: () => Promise<unknown>): void {
  const run = () => task().catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : "unknown", task: label }, "background task failed"));
  try {
    after(run);
  } catch {
    void run();
  }
}

import { Inngest } from "inngest";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

/**
 * One client for sending events and serving functions. Inngest Cloud in production; with INNGEST_DEV=1
 * and INNGEST_BASE_URL the same client talks to a dev server (locally: dev/inngest, the executor).
 */
export const inngest = new Inngest({
  id: "tenantlens",
  isDev: env.INNGEST_DEV,
  baseUrl: env.INNGEST_BASE_URL,
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  logger,
});

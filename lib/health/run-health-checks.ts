import { checkDatabase } from "./check-database";
import { checkInngest } from "./check-inngest";
import { checkPusher } from "./check-pusher";
import { checkRateLimit } from "./check-rate-limit";
import type { ComponentStatus, HealthCheck } from "./types";

const CHECKS: Record<string, HealthCheck> = {
  database: checkDatabase,
  inngest: checkInngest,
  pusher: checkPusher,
  rateLimit: checkRateLimit,
};

export interface HealthReport {
  status: "ok" | "degraded";
  components: Record<string, ComponentStatus>;
}

export async function runHealthChecks(checks: Record<string, HealthCheck> = CHECKS): Promise<HealthReport> {
  const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await check()] as const));
  const components: Record<string, ComponentStatus> = Object.fromEntries(entries);
  const down = Object.values(components).some((component) => component.status === "down");
  return { status: down ? "degraded" : "ok", components };
}

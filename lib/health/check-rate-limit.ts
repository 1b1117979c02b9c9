import { checkRateLimitHealth } from "@/lib/rate-limit/health";
import { probe, type ComponentStatus } from "./types";

/** "up" for Upstash answering; the in-process fallback is reported as up with that detail. */
export function checkRateLimit(): Promise<ComponentStatus> {
  return probe(async () => {
    const health = await checkRateLimitHealth();
    if (!health.ok) throw new Error(health.detail ?? `${health.backend} not answering`);
    return health.detail ? `${health.backend}: ${health.detail}` : health.backend;
  });
}

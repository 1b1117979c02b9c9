/**
 * The app's TPN client, configured from the environment: TPN_API_URL, TPN_API_KEY, TPN_TIMEOUT_MS.
 * One instance per process so every enquiry shares one circuit breaker. In dev the URL and key point
 * at the sandbox (dev/tpn); production must set real values (lib/env.ts requires them there).
 */
import { env } from "@/lib/env";
import { createTpnBreaker } from "./breaker";
import { createTpnClient, type TpnClient } from "./client";

let client: TpnClient | undefined;

export class TpnNotConfiguredError extends Error {
  constructor() {
    super("TPN is not configured: set TPN_API_URL and TPN_API_KEY (in dev, point them at the sandbox: npx tsx dev/tpn/cli.ts)");
    this.name = "TpnNotConfiguredError";
  }
}

export function getTpnClient(): TpnClient {
  if (client) return client;
  if (!env.TPN_API_URL || !env.TPN_API_KEY) throw new TpnNotConfiguredError();
  client = createTpnClient({
    baseUrl: env.TPN_API_URL,
    apiKey: env.TPN_API_KEY,
    timeoutMs: env.TPN_TIMEOUT_MS,
    breaker: createTpnBreaker({ failureThreshold: env.TPN_BREAKER_FAILURE_THRESHOLD, halfOpenAfterMs: env.TPN_BREAKER_COOLDOWN_MS }),
  });
  return client;
}

/**
 * Run the TPN sandbox on its own:
 *
 *   npx tsx dev/tpn/cli.ts
 *
 * Environment (all optional):
 *   TPN_API_KEY               the key clients must send (default: "tpn-sandbox-key"); give the app the same
 *   TPN_SANDBOX_PORT          default 4010
 *   TPN_SANDBOX_HOST          default 127.0.0.1
 *   TPN_SANDBOX_LATENCY_MS    "min-max" added to each new enquiry, default "1000-3000" (TPN takes 1-8 s)
 *   TPN_SANDBOX_ERROR_RATE    0-1, share of enquiries answered 500/503, default 0
 *   TPN_SANDBOX_TIMEOUT_RATE  0-1, share of enquiries that hang past the client timeout, default 0
 *   TPN_SANDBOX_QUOTA         requests per second before 429, default 5
 *   TPN_SANDBOX_OUTAGE        "1"/"true"/"503" answer 503 to everything; "reset" drops connections
 *   TPN_SANDBOX_SEED          seeds latency and faults, default 1
 *
 * Point the app at it with TPN_API_URL=http://127.0.0.1:4010/v1 and the same TPN_API_KEY. The documented
 * scenario subjects are printed at start-up (dev/tpn/scenarios.ts).
 */
import { devLog } from "../dev-log";
import { TPN_SCENARIOS } from "./scenarios";
import { startTpnSandbox, type TpnSandboxOptions } from "./server";

const DEFAULT_SANDBOX_API_KEY = "tpn-sandbox-key";

function fail(message: string): never {
  devLog("tpn-sandbox", "error", message);
  process.exit(2);
}

function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) fail(`${name} must be a number`);
  return value;
}

function latencyFrom(raw: string | undefined): [number, number] {
  const text = raw === undefined || raw === "" ? "1000-3000" : raw;
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) fail('TPN_SANDBOX_LATENCY_MS must be "min-max" in milliseconds, e.g. "1000-3000"');
  const min = Number(match[1]);
  const max = Number(match[2] ?? match[1]);
  if (max < min) fail("TPN_SANDBOX_LATENCY_MS: max is below min");
  return [min, max];
}

function outageFrom(raw: string | undefined): TpnSandboxOptions["outage"] {
  const text = (raw ?? "").trim().toLowerCase();
  if (text === "" || text === "0" || text === "false") return false;
  if (text === "1" || text === "true" || text === "503") return "503";
  if (text === "reset") return "reset";
  return fail('TPN_SANDBOX_OUTAGE must be 0, 1, true, false, 503 or reset');
}

const options: TpnSandboxOptions = {
  port: numberFrom("TPN_SANDBOX_PORT", 4010),
  host: process.env.TPN_SANDBOX_HOST || "127.0.0.1",
  apiKey: process.env.TPN_API_KEY || DEFAULT_SANDBOX_API_KEY,
  latencyMs: latencyFrom(process.env.TPN_SANDBOX_LATENCY_MS),
  errorRate: numberFrom("TPN_SANDBOX_ERROR_RATE", 0),
  timeoutRate: numberFrom("TPN_SANDBOX_TIMEOUT_RATE", 0),
  quotaPerSecond: numberFrom("TPN_SANDBOX_QUOTA", 5),
  outage: outageFrom(process.env.TPN_SANDBOX_OUTAGE),
  seed: numberFrom("TPN_SANDBOX_SEED", 1),
};

try {
  const sandbox = await startTpnSandbox(options);
  devLog("tpn-sandbox", "info", "ready", {
    TPN_API_URL: sandbox.url,
    apiKeySource: process.env.TPN_API_KEY ? "TPN_API_KEY" : "default (tpn-sandbox-key)",
    latencyMs: options.latencyMs,
    errorRate: options.errorRate,
    timeoutRate: options.timeoutRate,
    quotaPerSecond: options.quotaPerSecond,
    outage: options.outage,
  });
  for (const scenario of TPN_SCENARIOS) {
    devLog("tpn-sandbox", "info", "scenario", {
      key: scenario.key,
      subject: scenario.kind === "consumer" ? scenario.idNumber : scenario.registrationNumber,
      title: scenario.title,
    });
  }
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  fail(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
}

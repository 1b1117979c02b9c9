/**
 * Run the WhatsApp Cloud API sandbox on its own, with the same dev keys the app uses:
 *
 *   npx tsx dev/with-dev-env.ts npx tsx dev/whatsapp/cli.ts
 *
 * Environment (all optional):
 *   WHATSAPP_SANDBOX_PORT            default 4020
 *   WHATSAPP_SANDBOX_HOST            default 127.0.0.1
 *   WHATSAPP_ACCESS_TOKEN            the bearer token the app must send (default "wa-sandbox-token")
 *   WHATSAPP_APP_SECRET              signs the webhooks (default "wa-sandbox-app-secret")
 *   WHATSAPP_PHONE_NUMBER_ID         default 100000000000001
 *   WHATSAPP_DISPLAY_NUMBER          the business number's digits, default 27600000000
 *   WHATSAPP_WEBHOOK_URL             default <APP_URL or http://localhost:3000>/api/whatsapp/webhook
 *   WHATSAPP_SANDBOX_STATUS_DELAY_MS delay between sent, delivered and read, default 700 (visible in the simulator)
 *   WHATSAPP_SANDBOX_AUTO_READ       "0"/"false": messages are read only when the simulator shows them
 *
 * Point the app at it with WHATSAPP_API_URL=http://127.0.0.1:4020/v23.0 and the same token and
 * secret; open http://127.0.0.1:4020/ to chat with the bot.
 */
import { devLog } from "../dev-log";
import { startWhatsAppSandbox, type WhatsAppSandboxOptions } from "./server";

const DEFAULT_ACCESS_TOKEN = "wa-sandbox-token";
const DEFAULT_APP_SECRET = "wa-sandbox-app-secret";

function fail(message: string): never {
  devLog("whatsapp-sandbox", "error", message);
  process.exit(2);
}

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}

function numberFrom(name: string, fallback: number): number {
  const raw = env(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) fail(`${name} must be a non-negative integer`);
  return value;
}

function flagFrom(name: string, fallback: boolean): boolean {
  const raw = env(name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (["1", "true", "yes"].includes(raw)) return true;
  if (["0", "false", "no"].includes(raw)) return false;
  return fail(`${name} must be 1/true or 0/false`);
}

function webhookUrlFrom(): string {
  const raw = env("WHATSAPP_WEBHOOK_URL") ?? new URL("/api/whatsapp/webhook", env("APP_URL") ?? "http://localhost:3000").toString();
  try {
    return new URL(raw).toString();
  } catch {
    return fail("WHATSAPP_WEBHOOK_URL must be an absolute URL");
  }
}

const displayPhoneNumber = env("WHATSAPP_DISPLAY_NUMBER");
const options: WhatsAppSandboxOptions = {
  port: numberFrom("WHATSAPP_SANDBOX_PORT", 4020),
  host: env("WHATSAPP_SANDBOX_HOST") ?? "127.0.0.1",
  accessToken: env("WHATSAPP_ACCESS_TOKEN") ?? DEFAULT_ACCESS_TOKEN,
  appSecret: env("WHATSAPP_APP_SECRET") ?? DEFAULT_APP_SECRET,
  phoneNumberId: env("WHATSAPP_PHONE_NUMBER_ID") ?? "100000000000001",
  ...(displayPhoneNumber ? { displayPhoneNumber } : {}),
  webhookUrl: webhookUrlFrom(),
  statusDelayMs: numberFrom("WHATSAPP_SANDBOX_STATUS_DELAY_MS", 700),
  autoRead: flagFrom("WHATSAPP_SANDBOX_AUTO_READ", true),
};

try {
  const sandbox = await startWhatsAppSandbox(options);
  devLog("whatsapp-sandbox", "info", "ready", {
    WHATSAPP_API_URL: sandbox.graphUrl,
    simulator: `${sandbox.url}/`,
    webhookUrl: options.webhookUrl,
    phoneNumberId: options.phoneNumberId,
    accessTokenSource: env("WHATSAPP_ACCESS_TOKEN") ? "WHATSAPP_ACCESS_TOKEN" : `default (${DEFAULT_ACCESS_TOKEN})`,
    appSecretSource: env("WHATSAPP_APP_SECRET") ? "WHATSAPP_APP_SECRET" : `default (${DEFAULT_APP_SECRET})`,
  });
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

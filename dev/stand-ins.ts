/**
 * Starts a local stand-in for each hosted service the environment does not point at a real endpoint,
 * and returns the env that points the app's (unchanged) SDK clients at them.
 */
import { startNeonProxy } from "./neon-proxy";
import { startPusherServer } from "./pusher/server";
import { startUpstashShim } from "./upstash/server";
import { startInngestExecutor } from "./inngest/executor";
import { startMailStandIn } from "./mail/server";
import { startTpnSandbox } from "./tpn/server";
import { startWhatsAppSandbox } from "./whatsapp/server";
import { devLog } from "./dev-log";

export type Env = Record<string, string | undefined>;

export interface RunningStandIn {
  name: string;
  url: string;
  stop(): Promise<void>;
}

export interface StandIns {
  env: Record<string, string>;
  running: RunningStandIn[];
  stopAll(): Promise<void>;
}

const NEON_HOST = /\.neon\.(tech|build)$/i;

export async function startStandIns(env: Env, appUrl: string): Promise<StandIns> {
  const running: RunningStandIn[] = [];
  const added: Record<string, string> = {};

  if (env.DATABASE_URL && !NEON_HOST.test(new URL(env.DATABASE_URL).hostname) && !env.NEON_LOCAL_PROXY) {
    const proxy = await startNeonProxy({ port: Number(env.NEON_PROXY_PORT ?? 4444) });
    added.NEON_LOCAL_PROXY = proxy.address;
    running.push({ name: "Neon WebSocket proxy -> PostgreSQL", url: proxy.url, stop: () => proxy.close() });
  }

  if (!env.PUSHER_HOST && !env.PUSHER_CLUSTER && env.PUSHER_APP_ID && env.PUSHER_KEY && env.PUSHER_SECRET) {
    const pusher = await startPusherServer({
      port: Number(env.PUSHER_STAND_IN_PORT ?? 6001),
      apps: [{ id: env.PUSHER_APP_ID, key: env.PUSHER_KEY, secret: env.PUSHER_SECRET }],
    });
    Object.assign(added, {
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(pusher.port),
      NEXT_PUBLIC_PUSHER_KEY: env.PUSHER_KEY,
      NEXT_PUBLIC_PUSHER_HOST: "127.0.0.1",
      NEXT_PUBLIC_PUSHER_PORT: String(pusher.port),
    });
    running.push({ name: "Pusher Channels stand-in", url: pusher.url, stop: () => pusher.close() });
  }

  if (!env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) {
    try {
      const shim = await startUpstashShim({
        port: Number(env.UPSTASH_SHIM_PORT ?? 8079),
        token: env.UPSTASH_REDIS_REST_TOKEN,
        redisUrl: env.REDIS_URL,
      });
      added.UPSTASH_REDIS_REST_URL = shim.url;
      running.push({ name: "Upstash Redis REST shim", url: shim.url, stop: () => shim.close() });
    } catch (error) {
      // Zero-config must still start without a local Redis: the app then limits in-process and says so.
      devLog("dev", "warn", "Redis not reachable: rate limits fall back to in-process", {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  if (!env.INNGEST_BASE_URL && !env.INNGEST_SIGNING_KEY) {
    const executor = await startInngestExecutor({
      port: Number(env.INNGEST_EXECUTOR_PORT ?? 8288),
      appUrls: [new URL("/api/inngest", appUrl).toString()],
      // Re-sync notices an app restart; every 30 s keeps the dev log readable.
      syncIntervalMs: 30_000,
    });
    Object.assign(added, { INNGEST_DEV: "1", INNGEST_BASE_URL: executor.url });
    running.push({ name: "Inngest executor (runs: /runs)", url: executor.url, stop: () => executor.close() });
  }

  if (!env.TPN_API_URL && env.TPN_API_KEY) {
    const tpn = await startTpnSandbox({
      port: Number(env.TPN_SANDBOX_PORT ?? 4010),
      apiKey: env.TPN_API_KEY,
      // Real TPN answers in 1-8 s; the sandbox keeps a little of that so the live timeline is visible.
      latencyMs: [400, 1_500],
    });
    added.TPN_API_URL = tpn.url;
    running.push({ name: "TPN sandbox (see dev/tpn/README.md for scenario ID numbers)", url: tpn.url, stop: () => tpn.close() });
  }

  if (!env.WHATSAPP_API_URL && env.WHATSAPP_ACCESS_TOKEN && env.WHATSAPP_APP_SECRET && env.WHATSAPP_PHONE_NUMBER_ID) {
    const whatsapp = await startWhatsAppSandbox({
      port: Number(env.WHATSAPP_SANDBOX_PORT ?? 4020),
      accessToken: env.WHATSAPP_ACCESS_TOKEN,
      appSecret: env.WHATSAPP_APP_SECRET,
      phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
      ...(env.WHATSAPP_DISPLAY_NUMBER ? { displayPhoneNumber: env.WHATSAPP_DISPLAY_NUMBER } : {}),
      webhookUrl: new URL("/api/whatsapp/webhook", appUrl).toString(),
      // Slow enough that the simulator shows sent -> delivered -> read ticks.
      statusDelayMs: 700,
    });
    added.WHATSAPP_API_URL = whatsapp.graphUrl;
    running.push({ name: "WhatsApp Cloud API sandbox (simulator: open this URL)", url: `${whatsapp.url}/`, stop: () => whatsapp.close() });
  }

  if (!env.SMTP_URL) {
    const mail = await startMailStandIn({ smtpPort: Number(env.MAIL_SMTP_PORT ?? 1025), httpPort: Number(env.MAIL_HTTP_PORT ?? 1080) });
    Object.assign(added, { SMTP_URL: mail.smtpUrl, DEV_MAIL_OUTBOX_URL: mail.outboxUrl });
    running.push({ name: "Mail (SMTP) stand-in, read at /dev/mail", url: mail.smtpUrl, stop: () => mail.close() });
  }

  for (const standIn of running) devLog("dev", "info", "stand-in started", { name: standIn.name, url: standIn.url });
  return {
    env: added,
    running,
    stopAll: async () => {
      await Promise.allSettled(running.map((standIn) => standIn.stop()));
    },
  };
}

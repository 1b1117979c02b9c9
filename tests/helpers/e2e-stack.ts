import { startInngestExecutor, type InngestExecutor } from "@/dev/inngest/executor";
import { loadDevEnv } from "@/dev/dev-env";
import { startMailStandIn, type MailStandIn } from "@/dev/mail/server";
import { startPusherServer, type RunningPusherServer } from "@/dev/pusher/server";
import { startTpnSandbox, type TpnSandbox } from "@/dev/tpn/server";
import { startWhatsAppSandbox, type WhatsAppSandbox } from "@/dev/whatsapp/server";
import { buildForProduction, productionEnv, startProductionServer, waitForHttp, type StartedServer } from "./production-server";

export interface E2eStack {
  server: StartedServer;
  mail: MailStandIn;
  pusher: RunningPusherServer;
  tpn: TpnSandbox;
  executor: InngestExecutor;
  /** Present when asked for with `whatsapp: true`; its webhook points at the app. */
  whatsapp: WhatsAppSandbox | undefined;
  stop(): Promise<void>;
}

export interface E2eStackOptions {
  /** The build's own directory (NEXT_DIST_DIR), so parallel test files never share a build. */
  distDir: string;
  /** The TPN sandbox's fixed answer time. */
  tpnLatencyMs: number;
  whatsapp?: boolean;
  /** More env for the server (e.g. a DATABASE_URL). */
  env?: Record<string, string>;
}

/**
 * The product as a browser meets it: the stand-ins on free ports (mail, Pusher, TPN sandbox, the
 * Inngest executor in real time, optionally the WhatsApp sandbox), one production build pointed at
 * them and `next start`, registered with the executor. NEXT_PUBLIC_* values are inlined at build
 * time, so the browser's Pusher host and port go to the build too.
 */
export async function startE2eStack(options: E2eStackOptions): Promise<E2eStack> {
  const keys = loadDevEnv();
  const tpnKey = `tpn-e2e-${Date.now().toString(36)}`;
  const mail = await startMailStandIn({ smtpPort: 0, httpPort: 0 });
  const pusher = await startPusherServer({ port: 0, logLevel: "silent", apps: [{ id: keys.PUSHER_APP_ID ?? "", key: keys.PUSHER_KEY ?? "", secret: keys.PUSHER_SECRET ?? "" }] });
  const tpn = await startTpnSandbox({ port: 0, apiKey: tpnKey, latencyMs: [options.tpnLatencyMs, options.tpnLatencyMs], quotaPerSecond: 100 });
  const executor = await startInngestExecutor({ port: 0, virtualTime: false, logLevel: "silent" });
  // The app's address is known only once it runs: the webhook URL is set below.
  const whatsapp = options.whatsapp
    ? await startWhatsAppSandbox({
        port: 0,
        accessToken: keys.WHATSAPP_ACCESS_TOKEN ?? "",
        appSecret: keys.WHATSAPP_APP_SECRET ?? "",
        phoneNumberId: keys.WHATSAPP_PHONE_NUMBER_ID ?? "",
        ...(keys.WHATSAPP_DISPLAY_NUMBER ? { displayPhoneNumber: keys.WHATSAPP_DISPLAY_NUMBER } : {}),
        logLevel: "silent",
      })
    : undefined;

  const realtimeEnv = {
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(pusher.port),
    NEXT_PUBLIC_PUSHER_KEY: keys.PUSHER_KEY,
    NEXT_PUBLIC_PUSHER_HOST: "127.0.0.1",
    NEXT_PUBLIC_PUSHER_PORT: String(pusher.port),
  };
  await buildForProduction(options.distDir, realtimeEnv);
  const server = await startProductionServer(
    productionEnv({
      ...realtimeEnv,
      ...options.env,
      NEXT_DIST_DIR: options.distDir,
      SMTP_URL: mail.smtpUrl,
      INNGEST_DEV: "1",
      INNGEST_BASE_URL: executor.url,
      TPN_API_URL: tpn.url,
      TPN_API_KEY: tpnKey,
      ...(whatsapp ? { WHATSAPP_API_URL: whatsapp.graphUrl } : {}),
    }),
  );
  await waitForHttp(`${server.url}/`, server);
  whatsapp?.setWebhookUrl(`${server.url}/api/whatsapp/webhook`);
  if (!(await executor.registerApp(`${server.url}/api/inngest`))) throw new Error(`the Inngest executor could not sync the app:\n${server.output()}`);

  return {
    server,
    mail,
    pusher,
    tpn,
    executor,
    whatsapp,
    async stop() {
      await server.stop();
      await whatsapp?.close();
      await executor.close();
      await tpn.close();
      await pusher.close();
      await mail.close();
    },
  };
}

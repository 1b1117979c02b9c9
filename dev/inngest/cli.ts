/**
 * Standalone local Inngest executor.
 *
 *   tsx dev/inngest/cli.ts [--port 8288] [--host 127.0.0.1] [--app http://localhost:3000 ...]
 *                          [--sync-interval 5000]
 *
 * Env fallbacks: INNGEST_EXECUTOR_PORT (else the port of INNGEST_BASE_URL, else 8288),
 * INNGEST_EXECUTOR_HOST, INNGEST_APP_URLS (comma-separated; default http://localhost:3000),
 * INNGEST_EXECUTOR_LOG_LEVEL / LOG_LEVEL. The app needs INNGEST_DEV=1 and
 * INNGEST_BASE_URL=http://127.0.0.1:<port>.
 */
import { parseArgs } from "node:util";
import { startInngestExecutor } from "./executor";

function portFromBaseUrl(value: string | undefined): number | undefined {
  if (!value) return undefined;
  try {
    const port = new URL(value).port;
    return port ? Number(port) : undefined;
  } catch {
    return undefined;
  }
}

function toPort(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`invalid port "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", short: "p" },
      host: { type: "string" },
      app: { type: "string", short: "u", multiple: true },
      "sync-interval": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(
      "Usage: tsx dev/inngest/cli.ts [--port 8288] [--host 127.0.0.1] [--app <url>]... [--sync-interval <ms>]\n",
    );
    return;
  }
  const port =
    toPort(values.port) ??
    toPort(process.env.INNGEST_EXECUTOR_PORT) ??
    portFromBaseUrl(process.env.INNGEST_BASE_URL) ??
    8288;
  const appUrls = values.app?.length
    ? values.app
    : (process.env.INNGEST_APP_URLS ?? "http://localhost:3000")
        .split(",")
        .map((url) => url.trim())
        .filter((url) => url !== "");
  const syncInterval = values["sync-interval"] === undefined ? undefined : Number(values["sync-interval"]);

  const executor = await startInngestExecutor({
    port,
    host: values.host ?? process.env.INNGEST_EXECUTOR_HOST ?? "127.0.0.1",
    appUrls,
    ...(syncInterval !== undefined && Number.isFinite(syncInterval) ? { syncIntervalMs: syncInterval } : {}),
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void executor.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`inngest executor failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { loadDevEnv } from "@/dev/dev-env";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** What a production deployment must provide, with this machine's dev keys standing in for real secrets. */
export function productionEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...loadDevEnv(),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    PGLITE_DIR: mkdtempSync(path.join(os.tmpdir(), "tenantlens-smoke-")),
    UPSTASH_REDIS_REST_URL: "http://127.0.0.1:8079",
    TPN_API_URL: "http://127.0.0.1:4010",
    TPN_API_KEY: "smoke-test-key",
    SMTP_URL: process.env.SMTP_URL ?? "smtp://127.0.0.1:1025",
    INNGEST_SIGNING_KEY: "signkey-test-smoke",
    INNGEST_EVENT_KEY: "smoke",
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

/**
 * Builds into its own directory (NEXT_DIST_DIR) so parallel test files never share a build. `env`
 * overrides the production env for the build: NEXT_PUBLIC_* values are inlined at build time, so a
 * test that points the browser at a stand-in (e.g. the Pusher host and port) passes them here too.
 */
export async function buildForProduction(distDir: string, env: Record<string, string | undefined> = {}): Promise<void> {
  // next.config.js points test builds at `<distDir>.tsconfig.json`; Next may add its generated types there.
  writeFileSync(path.join(ROOT, `${distDir}.tsconfig.json`), JSON.stringify({ extends: "./tsconfig.json" }, null, 2) + "\n");
  const { code, output } = await run("npx", ["next", "build"], productionEnv({ ...env, NEXT_DIST_DIR: distDir }));
  if (code !== 0) throw new Error(`next build failed:\n${output}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface StartedServer {
  url: string;
  output: () => string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export async function startProductionServer(env: NodeJS.ProcessEnv): Promise<StartedServer> {
  const port = await freePort();
  const child: ChildProcess = spawn("npx", ["next", "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env,
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
}

export async function waitForHttp(url: string, server: StartedServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`server did not answer at ${url}:\n${server.output()}`);
}

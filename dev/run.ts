/**
 * `npm run dev`: the whole product offline with zero configuration. Fills in dev keys, starts the local
 * stand-ins, migrates and seeds the database once, then runs `next dev` and prints where it is.
 * `npm run sandbox`: only the stand-ins (and migrations), for use with `next start`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { loadDevEnv } from "./dev-env";
import { startStandIns } from "./stand-ins";

const sandboxOnly = process.argv.includes("--sandbox");
const port = Number(process.env.PORT ?? 3000);

const devEnv = loadDevEnv();
Object.assign(process.env, devEnv);
process.env.APP_URL ??= `http://localhost:${port}`;
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const standIns = await startStandIns(process.env, process.env.APP_URL);
Object.assign(process.env, standIns.env);

await prepareDatabase();
// Imported only now: it reaches the env module, which validates process.env when first imported.
const { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET } = await import("../lib/accounts/demo-accounts");

let next: ChildProcess | undefined;
if (!sandboxOnly) {
  next = spawn("npx", ["next", "dev", "--port", String(port)], { stdio: "inherit", env: process.env });
  next.on("exit", (code) => void shutdown(code ?? 0));
  await waitUntilServing(`http://localhost:${port}/api/health`);
}
printSummary();

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function prepareDatabase() {
  // Imported only now: the env module validates process.env at import time, after the dev keys are in.
  const { getDatabaseHandle } = await import("../db/index");
  const { migrateDatabase } = await import("../db/migrate");
  const { seedDemoData } = await import("../db/seed");
  const handle = await getDatabaseHandle();
  await migrateDatabase(handle);
  const seeded = await seedDemoData(handle.db, { production: false });
  // PGlite allows one process per data directory: hand it over to `next dev`.
  await handle.close();
  write(`database: ${handle.driver} (${seeded.length ? `seeded: ${seeded.join(", ")}` : "demo data already present"})`);
}

async function waitUntilServing(url: string) {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  write(`next dev did not answer on ${url}`);
}

function printSummary() {
  const lines = ["", "TenantLens is running", ""];
  if (!sandboxOnly) lines.push(`  app:      http://localhost:${port}`, `  health:   http://localhost:${port}/api/health`);
  for (const standIn of standIns.running) lines.push(`  ${standIn.name}: ${standIn.url}`);
  lines.push(
    "",
    "Demo accounts (password for all: " + DEMO_PASSWORD + "):",
    ...DEMO_ACCOUNTS.map((account) => `  ${account.email.padEnd(32)} ${account.role}`),
    `Staff TOTP secret (add to an authenticator app): ${DEMO_STAFF_TOTP_SECRET}`,
    ...(process.env.DEV_MAIL_OUTBOX_URL ? [`Emails sent by the app: http://localhost:${port}/dev/mail`] : []),
  );
  if (sandboxOnly) {
    lines.push("", "Start the app against these stand-ins with:");
    for (const [name, value] of Object.entries(standIns.env)) lines.push(`  export ${name}=${value}`);
    lines.push("  (dev keys are in .data/dev-keys.json)");
  }
  write(lines.join("\n") + "\n");
}

async function shutdown(code: number) {
  next?.kill("SIGTERM");
  await standIns.stopAll();
  process.exit(code);
}

function write(text: string) {
  process.stdout.write(text + "\n");
}

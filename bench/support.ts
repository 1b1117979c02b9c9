/**
 * Shared pieces of the benchmarks (bench/intake.ts, bench/drain.ts): flags, output, the machine's
 * description, valid SA ID numbers in bulk, and requesters (one verified user with an API token per
 * organisation). Everything they start listens on 127.0.0.1 only.
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import { loadDevEnv } from "@/dev/dev-env";
import type { Database } from "@/db/client";
import { luhnCheckDigit } from "@/lib/identity/luhn";

/** The dev environment (generated keys, the shell's values winning), with the keys the stand-ins need. */
export function devEnvironment() {
  const env = loadDevEnv();
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is missing from the dev environment`);
    return value;
  };
  return {
    env,
    pusherApp: { id: need("PUSHER_APP_ID"), key: need("PUSHER_KEY"), secret: need("PUSHER_SECRET") },
    upstashToken: need("UPSTASH_REDIS_REST_TOKEN"),
  };
}

export function out(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** `--name value` or `--name=value`; the fallback when absent. */
export function flag(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg === `--${name}`) return argv[i + 1] ?? fallback;
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return fallback;
}

export function hasFlag(name: string): boolean {
  return process.argv.slice(2).includes(`--${name}`);
}

export function numberFlag(name: string, fallback: number, { min = 1, max = Number.MAX_SAFE_INTEGER } = {}): number {
  const value = Number(flag(name, String(fallback)));
  if (!Number.isFinite(value) || value < min || value > max) throw new RangeError(`--${name} must be a number from ${min} to ${max}`);
  return value;
}

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [line(headers), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

export function machineDescription(): string[] {
  const memory = (() => {
    try {
      return execFileSync("free", ["-h"], { encoding: "utf8" }).trim().split("\n").slice(0, 2).join(" / ").replace(/\s+/g, " ");
    } catch {
      return `${Math.round(os.totalmem() / 2 ** 30)} GiB total`;
    }
  })();
  return [
    `nproc: ${os.availableParallelism()} (${os.cpus()[0]?.model ?? "unknown CPU"})`,
    `memory: ${memory}`,
    `node: ${process.version}`,
    `platform: ${os.platform()} ${os.release()}`,
    `load average at start (1/5/15 min): ${os.loadavg().map((load) => load.toFixed(2)).join(" / ")}`,
  ];
}

/** Valid, distinct SA ID numbers: one per birth date from 1950 on, a random serial each, Luhn digit. */
export function* saIdNumbers(): Generator<string, never> {
  const start = Date.UTC(1950, 0, 1);
  const base = Math.floor(Math.random() * 10_000);
  for (let day = 0; ; day += 1) {
    const birth = new Date(start + (day % 20_000) * 86_400_000).toISOString();
    const serial = String((base + Math.floor(day / 20_000) * 7_919) % 10_000).padStart(4, "0");
    const payload = `${birth.slice(2, 4)}${birth.slice(5, 7)}${birth.slice(8, 10)}${serial}08`;
    yield payload + String(luhnCheckDigit(payload));
  }
}

export function enquiryBody(idNumber: string, index: number): string {
  return JSON.stringify({
    subject: { type: "individual", idNumber, firstName: "Bench", surname: `Applicant ${index}` },
    consent: { method: "signed_form", obtainedAt: new Date(Date.now() - 60_000).toISOString(), confirmed: true },
    monthlyRent: 9500,
    reference: `bench-${index}`,
  });
}

export interface Requester {
  userId: string;
  organisationId: string;
  token: string;
}

/**
 * `count` landlords, each alone in an organisation (so neither the per-user nor the per-organisation
 * enquiry limit is shared), verified, each with an API token made by the app's own token service.
 * Needs the app's env in process.env (the modules read it when imported).
 */
export async function createRequesters(db: Database, count: number, tag: string): Promise<Requester[]> {
  const { organisations, users } = await import("@/db/schema");
  const { hashPassword } = await import("@/lib/auth/password");
  const { createApiToken } = await import("@/lib/accounts/api-tokens");
  const passwordHash = await hashPassword(`Bench-${tag}-Karoo-Sunset-88`);
  const requesters: Requester[] = [];
  for (let offset = 0; offset < count; offset += 100) {
    const size = Math.min(100, count - offset);
    const orgs = await db
      .insert(organisations)
      .values(Array.from({ length: size }, (_, i) => ({ name: `Bench ${tag} ${offset + i}`, kind: "individual" as const })))
      .returning({ id: organisations.id });
    const created = await db
      .insert(users)
      .values(
        orgs.map((org, i) => ({
          organisationId: org.id,
          role: "landlord" as const,
          name: `Bench ${offset + i}`,
          email: `bench-${tag}-${offset + i}@bench.tenantlens.test`,
          passwordHash,
          emailVerifiedAt: new Date(),
        })),
      )
      .returning({ id: users.id, organisationId: users.organisationId });
    for (const user of created) {
      const actor = { userId: user.id, organisationId: user.organisationId, role: "landlord" as const, via: "session" as const };
      const { token } = await createApiToken(db, actor, { actorType: "user", actorId: user.id, organisationId: user.organisationId, channel: "web" }, { name: "benchmark" });
      requesters.push({ userId: user.id, organisationId: user.organisationId, token });
    }
  }
  return requesters;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

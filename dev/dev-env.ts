/**
 * Dev-only environment: keys generated once per checkout and kept in `.data/dev-keys.json` (never
 * committed), merged under whatever the shell already sets. Used by the dev runner, the sandbox and the
 * test config; production reads real secrets from its own environment and never imports this file.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const DATA_DIR = path.resolve(import.meta.dirname, "..", ".data");
const KEYS_FILE = path.join(DATA_DIR, "dev-keys.json");

interface DevKeys {
  AUTH_SECRET: string;
  ENCRYPTION_KEYS: string;
  BLIND_INDEX_KEY: string;
  PUSHER_APP_ID: string;
  PUSHER_KEY: string;
  PUSHER_SECRET: string;
  UPSTASH_REDIS_REST_TOKEN: string;
  TPN_API_KEY: string;
  WHATSAPP_PHONE_NUMBER_ID: string;
  WHATSAPP_DISPLAY_NUMBER: string;
  WHATSAPP_ACCESS_TOKEN: string;
  WHATSAPP_APP_SECRET: string;
  WHATSAPP_VERIFY_TOKEN: string;
}

function generateKeys(): DevKeys {
  const b64 = (bytes: number) => randomBytes(bytes).toString("base64");
  return {
    AUTH_SECRET: b64(32),
    ENCRYPTION_KEYS: `dev1:${b64(32)}`,
    BLIND_INDEX_KEY: b64(32),
    PUSHER_APP_ID: "tenantlens-dev",
    PUSHER_KEY: randomBytes(10).toString("hex"),
    PUSHER_SECRET: randomBytes(16).toString("hex"),
    UPSTASH_REDIS_REST_TOKEN: randomBytes(24).toString("base64url"),
    TPN_API_KEY: `tpn-dev-${randomBytes(12).toString("hex")}`,
    WHATSAPP_PHONE_NUMBER_ID: "100000000000001",
    WHATSAPP_DISPLAY_NUMBER: "27600000000",
    WHATSAPP_ACCESS_TOKEN: `wa-dev-${randomBytes(16).toString("hex")}`,
    WHATSAPP_APP_SECRET: randomBytes(16).toString("hex"),
    WHATSAPP_VERIFY_TOKEN: randomBytes(16).toString("hex"),
  };
}

export function ensureDevKeys(): DevKeys {
  if (existsSync(KEYS_FILE)) {
    const stored = JSON.parse(readFileSync(KEYS_FILE, "utf8")) as Partial<DevKeys>;
    const complete = { ...generateKeys(), ...stored };
    if (Object.keys(stored).length !== Object.keys(complete).length) writeKeys(complete);
    return complete;
  }
  const keys = generateKeys();
  writeKeys(keys);
  return keys;
}

function writeKeys(keys: DevKeys) {
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(KEYS_FILE, JSON.stringify(keys, null, 2) + "\n", { mode: 0o600 });
}

/** Dev keys for every variable the real environment leaves unset (the shell always wins). */
export function loadDevEnv(options: { forTests?: boolean } = {}): Record<string, string> {
  const defaults: Record<string, string> = { ...ensureDevKeys() };
  if (options.forTests) {
    defaults.LOG_LEVEL = "silent";
    // Tests never touch the developer's embedded database or stored reports.
    defaults.PGLITE_DIR = "memory://";
    defaults.REPORT_STORAGE_DIR = path.join(os.tmpdir(), `tenantlens-test-reports-${process.pid}`);
  }
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries(defaults)) {
    const fromShell = process.env[name];
    merged[name] = fromShell !== undefined && fromShell !== "" ? fromShell : value;
  }
  return merged;
}

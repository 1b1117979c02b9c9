import { Secret, TOTP } from "otpauth";

const PERIOD_SECONDS = 30;

export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secretBase32: string, label = "TenantLens") {
  return new TOTP({ issuer: "TenantLens", label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

export function totpUri(secretBase32: string, accountEmail: string): string {
  return totpFor(secretBase32, accountEmail).toString();
}

export function currentTotpCode(secretBase32: string, timestamp = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp });
}

/**
 * Accepts the current code or one step either side (clock drift). Returns the matched time step so the
 * caller can refuse a replay of the same or an earlier step; undefined when the code is wrong.
 */
export function matchTotpStep(secretBase32: string, code: string, timestamp = Date.now()): number | undefined {
  const normalised = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(normalised)) return undefined;
  const delta = totpFor(secretBase32).validate({ token: normalised, timestamp, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(timestamp / 1000 / PERIOD_SECONDS) + delta;
}

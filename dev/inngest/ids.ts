/**
 * ULID generation (https://github.com/ulid/spec), hand-written to avoid a dependency: 48-bit
 * millisecond timestamp + 80 random bits, Crockford base32.
 */
import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function ulid(timeMs: number, random: Uint8Array = randomBytes(10)): string {
  let time = "";
  let t = Math.max(0, Math.floor(timeMs));
  for (let i = 0; i < 10; i++) {
    time = (ALPHABET[t % 32] ?? "0") + time;
    t = Math.floor(t / 32);
  }
  // 80 bits -> 16 base32 chars, 5 bits at a time.
  let bits = 0;
  let value = 0;
  let rand = "";
  for (const byte of random.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rand += ALPHABET[(value >> bits) & 31] ?? "0";
    }
    value &= (1 << bits) - 1;
  }
  return time + rand;
}

/**
 * Deterministic event ids from the SDK's `x-inngest-event-id-seed` header (`<millis>,<base64
 * entropy>`, set in Inngest.ts `_send`), so a retried send yields the same ids and is deduplicated.
 */
export function seededEventIds(seed: string, count: number): string[] | undefined {
  const match = /^(\d+),([A-Za-z0-9+/=]+)$/.exec(seed.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const millis = Number(match[1]);
  const entropy = match[2];
  return Array.from({ length: count }, (_, index) =>
    ulid(millis, createHash("sha256").update(`${entropy}:${index}`).digest().subarray(0, 10)),
  );
}

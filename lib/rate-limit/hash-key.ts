/**
 * Rate-limit keys are IPs, emails and phone numbers: personal data that must not sit in Redis in
 * clear. They are replaced by HMAC-SHA-256 (Web Crypto, so this runs on any runtime). A plain SHA-256
 * would not do: an IPv4 address or a phone number is reversed from an unkeyed hash by trying every
 * value. The HMAC key is derived with HKDF from BLIND_INDEX_KEY under its own label, so it is a
 * different key from the blind index's while needing no new secret.
 */
const HKDF_INFO = "tenantlens:rate-limit-keys:v1";

const encoder = new TextEncoder();

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The HMAC key for rate-limit identifiers, derived from a base64 secret (BLIND_INDEX_KEY). */
export async function deriveRateLimitHashKey(secretBase64: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", base64ToBytes(secretBase64), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(HKDF_INFO) },
    material,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign"],
  );
}

/**
 * Identifiers are compared case-insensitively after Unicode normalisation, so "Alice@Example.com"
 * and "alice@example.com " share one counter (otherwise varying case would bypass a per-account limit).
 */
export function normaliseRateLimitIdentifier(identifier: string): string {
  return identifier.normalize("NFKC").trim().toLowerCase();
}

/** Hex HMAC of `policy` + identifier: the same identifier under two policies gives unrelated keys. */
export async function hashRateLimitIdentifier(key: CryptoKey, policy: string, identifier: string): Promise<string> {
  const message = encoder.encode(`${policy}\n${normaliseRateLimitIdentifier(identifier)}`);
  return toHex(await crypto.subtle.sign("HMAC", key, message));
}

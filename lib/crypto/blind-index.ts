import { env } from "@/lib/env";
import { fromBase64, toHex, utf8 } from "./encoding";

export type IdentifierKind = "sa-id" | "passport" | "cipc" | "phone" | "link-code" | "recovery-code";

/** Spaces, dashes and slashes are formatting, not identity: "8001015009087" and "800101 5009 087" match. */
export function normaliseIdentifier(value: string): string {
  return value.replace(/[\s\-/]/g, "").toUpperCase();
}

let hmacKey: Promise<CryptoKey> | undefined;

export function importBlindIndexKey(base64: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", fromBase64(base64), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

/**
 * HMAC-SHA256 under BLIND_INDEX_KEY (separate from the encryption keys), so the stored index finds a
 * subject again but cannot be reversed or brute-forced from the 13-digit ID space without the key.
 */
export async function blindIndex(kind: IdentifierKind, value: string, key?: CryptoKey): Promise<string> {
  hmacKey ??= importBlindIndexKey(env.BLIND_INDEX_KEY);
  const signature = await crypto.subtle.sign("HMAC", key ?? (await hmacKey), utf8.encode(`${kind}:${normaliseIdentifier(value)}`));
  return toHex(signature);
}

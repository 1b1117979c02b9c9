import { toBase64Url, toHex, utf8 } from "@/lib/crypto/encoding";

/** 256 random bits, URL-safe: for email links, invitations and API tokens. */
export function generateSecretToken(prefix = ""): string {
  return prefix + toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Tokens are high-entropy, so a plain SHA-256 is enough to store them unreadably. */
export async function hashSecretToken(token: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", utf8.encode(token)));
}

import { fromHex, toHex, utf8 } from "@/lib/crypto/encoding";

let cached: { secret: string; key: Promise<CryptoKey> } | undefined;

function hmacKey(secret: string): Promise<CryptoKey> {
  if (cached?.secret !== secret) {
    cached = { secret, key: crypto.subtle.importKey("raw", utf8.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify", "sign"]) };
  }
  return cached.key;
}

/**
 * Meta signs each delivery with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`.
 * Checked on the exact bytes received, before any parsing: a body re-serialised by anything on the way
 * no longer matches. `crypto.subtle.verify` compares in constant time.
 */
export async function verifyWebhookSignature(rawBody: Uint8Array<ArrayBuffer>, header: string | null, appSecret: string): Promise<boolean> {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? "");
  if (!match?.[1]) return false;
  return crypto.subtle.verify("HMAC", await hmacKey(appSecret), fromHex(match[1]), rawBody);
}

/** The header value for a body; used by tests and the sandbox's own deliveries. */
export async function signWebhookBody(rawBody: Uint8Array<ArrayBuffer>, appSecret: string): Promise<string> {
  return `sha256=${toHex(await crypto.subtle.sign("HMAC", await hmacKey(appSecret), rawBody))}`;
}

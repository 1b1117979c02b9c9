import { env } from "@/lib/env";
import { importAesKey } from "./aes-gcm";
import { fromBase64 } from "./encoding";

/**
 * The key-encryption keys (ENCRYPTION_KEYS = "id:base64,id:base64", newest first). They only ever wrap
 * per-subject data keys; rotating means adding a new key in front and re-wrapping (`npm run keys:rewrap`, lib/crypto/data-keys.ts).
 */
export interface KeyRing {
  primaryId: string;
  keys: ReadonlyMap<string, CryptoKey>;
}

export async function parseKeyRing(spec: string): Promise<KeyRing> {
  const entries = spec.split(",").map((entry) => entry.trim().split(":"));
  const keys = new Map<string, CryptoKey>();
  for (const [id, material] of entries) {
    if (!id || !material) throw new Error("ENCRYPTION_KEYS entry is not id:base64");
    keys.set(id, await importAesKey(fromBase64(material)));
  }
  const primaryId = entries[0]?.[0];
  if (!primaryId) throw new Error("ENCRYPTION_KEYS is empty");
  return { primaryId, keys };
}

let ring: Promise<KeyRing> | undefined;

export function getKeyRing(): Promise<KeyRing> {
  ring ??= parseKeyRing(env.ENCRYPTION_KEYS);
  return ring;
}

export function wrappingKey(keyRing: KeyRing, id: string): CryptoKey {
  const key = keyRing.keys.get(id);
  if (!key) throw new Error(`Wrapping key "${id}" is not in ENCRYPTION_KEYS; it was removed before rotation finished`);
  return key;
}

import { fromBase64Url, toBase64Url, utf8 } from "./encoding";

const IV_BYTES = 12;

export function importAesKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}

/** AES-256-GCM with a fresh random IV; the result is base64url(iv || ciphertext || tag). */
export async function seal(key: CryptoKey, plaintext: Uint8Array<ArrayBuffer>, associatedData: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: utf8.encode(associatedData) },
    key,
    plaintext,
  );
  const sealed = new Uint8Array(IV_BYTES + ciphertext.byteLength);
  sealed.set(iv);
  sealed.set(new Uint8Array(ciphertext), IV_BYTES);
  return toBase64Url(sealed);
}

/** Throws if the ciphertext, the key or the associated data do not match what was sealed. */
export async function open(key: CryptoKey, sealed: string, associatedData: string): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = fromBase64Url(sealed);
  const plaintext = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: bytes.subarray(0, IV_BYTES), additionalData: utf8.encode(associatedData) },
    key,
    bytes.subarray(IV_BYTES),
  );
  return new Uint8Array(plaintext);
}

import type { DbExecutor } from "@/db/client";
import { open, seal } from "./aes-gcm";
import { utf8 } from "./encoding";
import { loadDataKey } from "./data-keys";

/**
 * Sensitive columns hold `v1.<dataKeyId>.<base64url(iv||ciphertext||tag)>`. The column name and the data
 * key id are bound in as associated data, so a ciphertext copied into another column does not decrypt.
 * (Which subject a ciphertext belongs to is carried by its data key id, not by the row it sits in.)
 */
const VERSION = "v1";

export type SealedField = `${typeof VERSION}.${string}.${string}`;

export async function encryptField(
  db: DbExecutor,
  dataKeyId: string,
  plaintext: string,
  column: string,
): Promise<SealedField> {
  const key = await loadDataKey(db, dataKeyId);
  const body = await seal(key, utf8.encode(plaintext), `${column}|${dataKeyId}`);
  return `${VERSION}.${dataKeyId}.${body}`;
}

export async function decryptField(db: DbExecutor, sealed: string, column: string): Promise<string> {
  const [version, dataKeyId, body, ...rest] = sealed.split(".");
  if (version !== VERSION || !dataKeyId || !body || rest.length > 0) {
    throw new Error(`Unrecognised ciphertext format in ${column}`);
  }
  const key = await loadDataKey(db, dataKeyId);
  return utf8.decode(await open(key, body, `${column}|${dataKeyId}`));
}

export async function encryptJson(db: DbExecutor, dataKeyId: string, value: unknown, column: string) {
  return encryptField(db, dataKeyId, JSON.stringify(value), column);
}

export async function decryptJson<T>(db: DbExecutor, sealed: string, column: string): Promise<T> {
  return JSON.parse(await decryptField(db, sealed, column)) as T;
}

/** Files (PDFs, uploaded forms): the bytes sealed exactly like a field, as the same text format. */
export async function encryptBytes(db: DbExecutor, dataKeyId: string, bytes: Uint8Array<ArrayBuffer>, purpose: string): Promise<SealedField> {
  const key = await loadDataKey(db, dataKeyId);
  return `${VERSION}.${dataKeyId}.${await seal(key, bytes, `${purpose}|${dataKeyId}`)}`;
}

export async function decryptBytes(db: DbExecutor, sealed: string, purpose: string): Promise<Uint8Array<ArrayBuffer>> {
  const [version, dataKeyId, body, ...rest] = sealed.split(".");
  if (version !== VERSION || !dataKeyId || !body || rest.length > 0) throw new Error(`Unrecognised ciphertext format in ${purpose}`);
  return open(await loadDataKey(db, dataKeyId), body, `${purpose}|${dataKeyId}`);
}

import { eq, isNull, ne, or, and } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { dataKeys } from "@/db/schema";
import { ErasedError } from "@/lib/api/errors";
import { importAesKey, open, seal } from "./aes-gcm";
import { getKeyRing, wrappingKey, type KeyRing } from "./key-ring";

/** Unwrapped keys are cached briefly; a short TTL bounds how long another instance can still read a shredded subject. */
const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 1_000;
const cache = new Map<string, { key: CryptoKey; expiresAt: number }>();

const wrapContext = (dataKeyId: string) => `data-key:${dataKeyId}`;

export async function createDataKey(db: DbExecutor, purpose: string, keyRing?: KeyRing): Promise<string> {
  const ring = keyRing ?? (await getKeyRing());
  const id = crypto.randomUUID();
  const material = crypto.getRandomValues(new Uint8Array(32));
  const wrappedKey = await seal(wrappingKey(ring, ring.primaryId), material, wrapContext(id));
  await db.insert(dataKeys).values({ id, purpose, wrappingKeyId: ring.primaryId, wrappedKey });
  remember(id, await importAesKey(material));
  return id;
}

export async function loadDataKey(db: DbExecutor, id: string, keyRing?: KeyRing): Promise<CryptoKey> {
  const cached = cache.get(id);
  if (cached && cached.expiresAt > Date.now()) return cached.key;
  const [row] = await db.select().from(dataKeys).where(eq(dataKeys.id, id));
  if (!row || !row.wrappedKey || !row.wrappingKeyId || row.destroyedAt) throw new ErasedError();
  const ring = keyRing ?? (await getKeyRing());
  const material = await open(wrappingKey(ring, row.wrappingKeyId), row.wrappedKey, wrapContext(id));
  const key = await importAesKey(material);
  remember(id, key);
  return key;
}

/** Crypto-shredding: once the wrapped key is gone, every field sealed under it is noise. */
export async function destroyDataKey(db: DbExecutor, id: string): Promise<void> {
  cache.delete(id);
  await db
    .update(dataKeys)
    .set({ wrappedKey: null, wrappingKeyId: null, destroyedAt: new Date() })
    .where(eq(dataKeys.id, id));
}

/** Re-wraps every live data key under the ring's primary key; fields are untouched. Returns how many moved. */
export async function rewrapDataKeys(db: DbExecutor, keyRing?: KeyRing): Promise<number> {
  const ring = keyRing ?? (await getKeyRing());
  const stale = await db
    .select()
    .from(dataKeys)
    .where(and(isNull(dataKeys.destroyedAt), or(ne(dataKeys.wrappingKeyId, ring.primaryId), isNull(dataKeys.wrappingKeyId))));
  let moved = 0;
  for (const row of stale) {
    if (!row.wrappedKey || !row.wrappingKeyId) continue;
    const material = await open(wrappingKey(ring, row.wrappingKeyId), row.wrappedKey, wrapContext(row.id));
    const wrappedKey = await seal(wrappingKey(ring, ring.primaryId), material, wrapContext(row.id));
    await db
      .update(dataKeys)
      .set({ wrappedKey, wrappingKeyId: ring.primaryId })
      .where(and(eq(dataKeys.id, row.id), eq(dataKeys.wrappingKeyId, row.wrappingKeyId)));
    moved += 1;
  }
  return moved;
}

/**
 * Drops one key from this instance's cache. Called again once an erasure has committed: a read on
 * another connection between the in-transaction destroy and the commit could have cached it anew.
 */
export function forgetDataKey(id: string) {
  cache.delete(id);
}

export function forgetCachedDataKeys() {
  cache.clear();
}

function remember(id: string, key: CryptoKey) {
  if (cache.size >= CACHE_MAX) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(id, { key, expiresAt: Date.now() + CACHE_TTL_MS });
}

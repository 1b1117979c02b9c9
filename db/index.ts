import { env } from "@/lib/env";
import { createDatabase, type Database, type DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";

/**
 * The app's database, opened once per process. Kept on globalThis in dev so hot reloads do not open
 * a second PGlite on the same directory (which PGlite does not allow) or leak pools.
 */
const globalForDb = globalThis as unknown as { tenantlensDb?: Promise<DatabaseHandle> };

async function open(): Promise<DatabaseHandle> {
  const handle = await createDatabase({
    databaseUrl: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    neonLocalProxy: env.NEON_LOCAL_PROXY,
  });
  // The embedded database is private to this process, so it is brought up to date on open;
  // server databases are migrated by the deploy step (`npm run db:migrate`), never by a request.
  if (handle.driver === "pglite") await migrateDatabase(handle);
  return handle;
}

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  globalForDb.tenantlensDb ??= open().catch((error: unknown) => {
    globalForDb.tenantlensDb = undefined;
    throw error;
  });
  return globalForDb.tenantlensDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

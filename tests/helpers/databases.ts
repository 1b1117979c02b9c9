import { createDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { startNeonProxy } from "@/dev/neon-proxy";
import { createScratchDatabase, postgresAvailable } from "./postgres";

export interface TestDatabase {
  label: string;
  handle: DatabaseHandle;
  /** Real PostgreSQL connection string when the driver talks to a server; undefined for PGlite. */
  serverUrl?: string;
  teardown(): Promise<void>;
}

/** PGlite in memory: the embedded path `npm run dev` uses with no configuration. */
export async function openPgliteDatabase(): Promise<TestDatabase> {
  const handle = await createDatabase({ pgliteDir: "memory://" });
  await migrateDatabase(handle);
  return { label: "pglite", handle, teardown: () => handle.close() };
}

/** Real PostgreSQL through the Neon serverless driver and the local WebSocket proxy: the production path. */
export async function openNeonDatabase(): Promise<TestDatabase> {
  const scratch = await createScratchDatabase();
  const proxy = await startNeonProxy();
  const handle = await createDatabase({ databaseUrl: scratch.url, pgliteDir: "unused", neonLocalProxy: proxy.address });
  await migrateDatabase(handle);
  return {
    label: "neon via proxy",
    handle,
    serverUrl: scratch.url,
    async teardown() {
      await handle.close();
      await proxy.close();
      await scratch.drop();
    },
  };
}

/** Every driver this machine can run: PGlite always, real PostgreSQL when reachable (always in CI). */
export async function driversUnderTest(): Promise<Array<{ label: string; open: () => Promise<TestDatabase> }>> {
  const drivers = [{ label: "pglite", open: openPgliteDatabase }];
  if (await postgresAvailable()) drivers.push({ label: "neon driver -> PostgreSQL", open: openNeonDatabase });
  return drivers;
}

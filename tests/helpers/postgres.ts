import pg from "pg";
import { randomBytes } from "node:crypto";

/** The admin connection used to create a throwaway database per test file (trust auth locally and in CI). */
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

let availability: Promise<boolean> | undefined;

/**
 * Whether a real PostgreSQL answers. In CI it must: there a missing server fails the suite instead of
 * quietly narrowing it to PGlite.
 */
export function postgresAvailable(): Promise<boolean> {
  availability ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("select 1");
      return true;
    } catch (error) {
      if (process.env.CI) throw new Error(`CI requires PostgreSQL at ${ADMIN_URL}: ${String(error)}`);
      process.stderr.write(`[tests] PostgreSQL not reachable at ${ADMIN_URL}: real-PostgreSQL tests are not run\n`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return availability;
}

export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tenantlens_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

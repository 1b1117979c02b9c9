import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgTransaction } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Services take either, so a caller can compose them inside one transaction. */
export type DbExecutor = Database | Transaction;

export type DriverName = "pglite" | "neon" | "node-postgres";

export interface DatabaseConfig {
  databaseUrl?: string;
  pgliteDir: string;
  /** host:port of a WebSocket proxy that lets the Neon driver reach a plain PostgreSQL server. */
  neonLocalProxy?: string;
}

export interface DatabaseHandle {
  db: Database;
  driver: DriverName;
  /** Applies the committed migrations with the migrator that belongs to this driver. */
  migrate(migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
}

const NEON_HOST = /\.neon\.(tech|build)$/i;

export function chooseDriver(config: DatabaseConfig): DriverName {
  if (!config.databaseUrl) return "pglite";
  const host = new URL(config.databaseUrl).hostname;
  if (NEON_HOST.test(host) || config.neonLocalProxy) return "neon";
  return "node-postgres";
}

export async function createDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  const driver = chooseDriver(config);
  switch (driver) {
    case "pglite":
      return openPglite(config.pgliteDir);
    case "neon":
      return openNeon(requireUrl(config), config.neonLocalProxy);
    case "node-postgres":
      return openNodePostgres(requireUrl(config));
  }
}

function requireUrl(config: DatabaseConfig): string {
  if (!config.databaseUrl) throw new Error("DATABASE_URL is required for a server database");
  return config.databaseUrl;
}

async function openPglite(dir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dataDir = dir.startsWith("memory://") ? dir : path.resolve(dir);
  const client = await PGlite.create(dataDir);
  const db = drizzle({ client, schema });
  return {
    db,
    driver: "pglite",
    migrate: (migrationsFolder) => migrate(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

async function openNeon(url: string, localProxy: string | undefined): Promise<DatabaseHandle> {
  const { Pool, neonConfig } = await import("@neondatabase/serverless");
  const { drizzle } = await import("drizzle-orm/neon-serverless");
  const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
  const { default: WebSocket } = await import("ws");
  neonConfig.webSocketConstructor = WebSocket;
  if (localProxy) {
    // A plain PostgreSQL server speaks neither TLS-over-WebSocket nor Neon's pipelined startup.
    neonConfig.wsProxy = (host, port) => `${localProxy}/v2?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: url, max: 10 });
  const db = drizzle({ client: pool, schema });
  return {
    db,
    driver: "neon",
    migrate: (migrationsFolder) => migrate(db, { migrationsFolder }),
    close: () => pool.end(),
  };
}

async function openNodePostgres(url: string): Promise<DatabaseHandle> {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = drizzle({ client: pool, schema });
  return {
    db,
    driver: "node-postgres",
    migrate: (migrationsFolder) => migrate(db, { migrationsFolder }),
    close: () => pool.end(),
  };
}

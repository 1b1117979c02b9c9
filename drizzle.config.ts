import { defineConfig } from "drizzle-kit";
import { env } from "./lib/env";

/**
 * `npm run db:generate` needs no database. Migrations are applied by `npm run db:migrate` through the
 * app's own driver selection (db/migrate.ts), so PGlite, Neon and node-postgres run the same SQL;
 * the URL here only serves drizzle-kit's own commands (studio, check) against a server database.
 */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
  ...(env.DATABASE_URL ? { dbCredentials: { url: env.DATABASE_URL } } : {}),
});

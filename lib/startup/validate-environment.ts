export async function validateEnvironmentOnStart(): Promise<void> {
  const { env } = await import("@/lib/env").catch((error: unknown) => {
    process.stderr.write(`TenantLens refuses to start. ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  const { logger } = await import("@/lib/logger");
  if (env.NODE_ENV === "production" && !env.DATABASE_URL) {
    logger.warn("DATABASE_URL is not set: using the embedded PGlite database, which is not for production traffic");
  }
  logger.info({ nodeEnv: env.NODE_ENV, appUrl: env.APP_URL }, "tenantlens server starting");
}

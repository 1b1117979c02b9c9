export async function validateEnvironmentOnStart(): Promise<void> {
  const { env } = await import("@/lib/env").catch((error: unknown) => {
    process.stderr.write(`TenantLens refuses to start. ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  const { logger } = await import("@/lib/logger");
  if (env.NODE_ENV === "production" && !env.DATABASE_URL) {
    logger.warn("DATABASE_URL is not set: using the embedded PGlite database, which is not for production traffic");
  }
  if (env.NODE_ENV === "production" && !env.S3_BUCKET) {
    // On serverless hosts the local disk is per instance and short-lived: stored PDFs and attachments would vanish.
    logger.warn({ directory: env.REPORT_STORAGE_DIR }, "S3_BUCKET is not set: report PDFs, consent forms and support attachments are stored on local disk");
  }
  logger.info({ nodeEnv: env.NODE_ENV, appUrl: env.APP_URL }, "tenantlens server starting");
}

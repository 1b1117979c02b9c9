/**
 * Runs once when the server starts. The Node.js part validates the environment now, so a production
 * server with a missing secret refuses to start and names it, instead of failing on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { validateEnvironmentOnStart } = await import("./lib/startup/validate-environment");
    await validateEnvironmentOnStart();
  }
}

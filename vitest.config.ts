import { defineConfig } from "vitest/config";
import path from "node:path";
import { loadDevEnv } from "./dev/dev-env.ts";
import { TEST_MAIL_HTTP_PORT, TEST_MAIL_SMTP_PORT } from "./tests/test-ports.ts";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 300_000,
    globalSetup: ["tests/global-setup.ts"],
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    env: {
      ...loadDevEnv({ forTests: true }),
      SMTP_URL: `smtp://127.0.0.1:${TEST_MAIL_SMTP_PORT}`,
      DEV_MAIL_OUTBOX_URL: `http://127.0.0.1:${TEST_MAIL_HTTP_PORT}`,
      APP_URL: "http://localhost:3000",
    },
  },
});

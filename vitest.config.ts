import { defineConfig } from "vitest/config";
import path from "node:path";
import { loadDevEnv } from "./dev/dev-env.ts";

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
      APP_URL: "http://localhost:3000",
    },
  },
});

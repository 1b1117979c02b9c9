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
    hookTimeout: 120_000,
    env: loadDevEnv({ forTests: true }),
  },
});

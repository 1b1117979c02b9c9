import { describe, expect, it } from "vitest";
import { chooseDriver } from "@/db/client";
import { resolveTarget } from "@/dev/neon-proxy";
import { buildContentSecurityPolicy } from "@/lib/security/content-security-policy";

describe("driver selection", () => {
  it("uses PGlite without a URL, Neon for Neon hosts or with the local proxy, node-postgres otherwise", () => {
    expect(chooseDriver({ pgliteDir: "x" })).toBe("pglite");
    expect(chooseDriver({ pgliteDir: "x", databaseUrl: "postgres://u:p@ep-cool-1.eu-central-1.aws.neon.tech/db" })).toBe("neon");
    expect(chooseDriver({ pgliteDir: "x", databaseUrl: "postgres://localhost/db", neonLocalProxy: "127.0.0.1:4444" })).toBe("neon");
    expect(chooseDriver({ pgliteDir: "x", databaseUrl: "postgres://localhost/db" })).toBe("node-postgres");
  });
});

describe("Neon WebSocket proxy target", () => {
  it("only ever connects to loopback", () => {
    expect(resolveTarget("localhost:5432")).toEqual({ host: "127.0.0.1", port: 5432 });
    expect(resolveTarget("127.0.0.1:6543")).toEqual({ host: "127.0.0.1", port: 6543 });
    expect(resolveTarget("db.internal:5432")).toBeUndefined();
    expect(resolveTarget("10.0.0.5:5432")).toBeUndefined();
    expect(resolveTarget("localhost:99999")).toBeUndefined();
    expect(resolveTarget(null)).toBeUndefined();
  });
});

describe("content security policy", () => {
  it("allows only this request's nonce for scripts and eval only in development", () => {
    const production = buildContentSecurityPolicy({ nonce: "abc", development: false, connectOrigins: ["wss://ws-mt1.pusher.com"], upgradeInsecureRequests: true });
    expect(production).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(production).not.toContain("unsafe-eval");
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).toContain("connect-src 'self' wss://ws-mt1.pusher.com");
    expect(buildContentSecurityPolicy({ nonce: "n", development: true, connectOrigins: [], upgradeInsecureRequests: false })).toContain("'unsafe-eval'");
  });
});

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectFitsPhone, launchChromium, PHONE, watchForProblems } from "../helpers/browser";
import { buildForProduction, productionEnv, startProductionServer, waitForHttp, type StartedServer } from "../helpers/production-server";

const DIST_DIR = ".next-test-smoke";

describe("production build", () => {
  let server: StartedServer;
  let browser: Browser;

  beforeAll(async () => {
    await buildForProduction(DIST_DIR);
    server = await startProductionServer(productionEnv({ NEXT_DIST_DIR: DIST_DIR }));
    await waitForHttp(`${server.url}/`, server);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("serves the home page in Chromium with a strict CSP and no script blocked", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    // Stricter than the flows: any console error at all, and any failed request, is a problem here.
    const problems = watchForProblems(page, { everyConsoleError: true, failedResponses: true });

    const response = await page.goto(`${server.url}/`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    const headers = response?.headers() ?? {};
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["strict-transport-security"]).toContain("max-age=");
    expect(headers["x-content-type-options"]).toBe("nosniff");

    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Screen tenants");
    // Next's own scripts carry this request's nonce; without it the page would not hydrate.
    const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
    const scripts = await page.locator("script[src]").evaluateAll((elements) => elements.map((element) => element.nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(new Set(scripts)).toEqual(new Set([nonce]));
    expect(problems).toEqual([]);
    await expectFitsPhone(page);
  });

  it("answers the health endpoint with each component named", async () => {
    const response = await fetch(`${server.url}/api/health`);
    const body = (await response.json()) as { components: Record<string, { status: string }> };
    expect(body.components.database?.status).toBe("up");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses to start when a production secret is missing, and names it", async () => {
    const broken = await startProductionServer(productionEnv({ NEXT_DIST_DIR: DIST_DIR, BLIND_INDEX_KEY: undefined }));
    const code = await Promise.race([broken.exited, new Promise<"running">((resolve) => setTimeout(() => resolve("running"), 30_000))]);
    await broken.stop();
    expect(code).toBe(1);
    expect(broken.output()).toContain("BLIND_INDEX_KEY");
    expect(broken.output()).not.toContain(productionEnv().ENCRYPTION_KEYS ?? "unset");
  });
});

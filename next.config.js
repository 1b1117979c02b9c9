/**
 * Headers that do not change per request are set here so they also cover static assets; the CSP with
 * its per-request nonce and the request id are set in proxy.ts.
 * @type {import('next').NextConfig}
 */
const securityHeaders = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig = {
  // The browser tests build into their own directories so two of them can run side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
  // Keep `next dev` from writing agent instruction files into the repository.
  agentRules: false,
  // `npm test` runs `tsc --noEmit` over the whole repo (tests and dev tools included) before anything
  // else; repeating a narrower check inside every build only slows the smoke test down.
  // Test builds (NEXT_DIST_DIR) get their own tsconfig, which Next may edit, so their generated route
  // types never leak into the repository's type check.
  typescript: { ignoreBuildErrors: true, tsconfigPath: process.env.NEXT_DIST_DIR ? `${process.env.NEXT_DIST_DIR}.tsconfig.json` : "tsconfig.json" },
  experimental: { agentUpgrade: false },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;

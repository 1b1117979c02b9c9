import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "TenantLens", template: "%s · TenantLens" },
  description: "Tenant screening for South African landlords and letting agents: TPN bureau data, explained risk, consent on record.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page render per request, so Next can stamp this request's CSP
  // nonce (proxy.ts) on its scripts; a prerendered page would carry none and be blocked.
  await headers();
  return (
    <html lang="en-ZA">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}

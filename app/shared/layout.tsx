import type { Metadata } from "next";

export const metadata: Metadata = {
  // The address carries the only credential: keep it out of search engines and other sites' logs.
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/** A report shared through a link: read by someone without an account, often on a phone. */
export default function SharedLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-muted/40">
      <header className="border-b border-border bg-background">
        <div className="mx-auto flex h-14 w-full max-w-6xl items-center px-4 sm:px-6">
          <span className="text-lg font-bold text-primary">TenantLens</span>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
      <footer className="mx-auto w-full max-w-6xl px-4 pb-6 text-xs text-muted-foreground sm:px-6">
        TenantLens screens rental applicants for landlords and letting agents, only with the applicant&apos;s consent (POPIA s11). This report is confidential: use it only
        for the rental application it was shared for. Questions:{" "}
        <a href="mailto:privacy@tenantlens.co.za" className="underline underline-offset-2">
          privacy@tenantlens.co.za
        </a>
      </footer>
    </div>
  );
}

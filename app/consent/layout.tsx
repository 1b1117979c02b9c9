import type { Metadata } from "next";

export const metadata: Metadata = {
  // The link carries a single-use token: keep it out of search engines and other sites' logs.
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/** The applicant's page: no account, usually opened from an email on a phone. */
export default function ConsentLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-muted/60">
      <header className="mx-auto flex w-full max-w-lg items-center px-4 pt-6 sm:pt-10">
        <span className="text-xl font-bold text-primary">TenantLens</span>
      </header>
      <main className="mx-auto w-full max-w-lg flex-1 px-4 py-6 sm:py-8">{children}</main>
      <footer className="mx-auto w-full max-w-lg px-4 pb-6 text-xs text-muted-foreground">
        TenantLens screens rental applicants for landlords and letting agents, only with the applicant&apos;s consent (POPIA s11). Questions:{" "}
        <a href="mailto:privacy@tenantlens.co.za" className="underline underline-offset-2">
          privacy@tenantlens.co.za
        </a>
      </footer>
    </div>
  );
}

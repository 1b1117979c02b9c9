import Link from "next/link";

/** Sign-in, sign-up and the email-link pages: one narrow column that fits a 375 px phone. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-muted/60">
      <header className="mx-auto flex w-full max-w-md items-center justify-between px-4 pt-6 sm:pt-10">
        <Link href="/" className="rounded-sm text-xl font-bold text-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
          TenantLens
        </Link>
      </header>
      <main className="mx-auto w-full max-w-md flex-1 px-4 py-6 sm:py-8">{children}</main>
      <footer className="mx-auto w-full max-w-md px-4 pb-6 text-xs text-muted-foreground">
        TenantLens processes personal information only for tenant screening, with the applicant&apos;s consent (POPIA s11).
      </footer>
    </div>
  );
}

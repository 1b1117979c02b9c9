import Link from "next/link";
import { MainNav, MobileMenu, UserMenu } from "@/components/app-shell/app-nav";
import { navItemsFor } from "@/components/app-shell/nav-items";
import { NotificationsBell } from "@/components/app-shell/notifications-bell";
import { VerifyEmailBanner } from "@/components/app-shell/verify-email-banner";
import { userChannelConfig } from "@/components/enquiries/realtime";
import { roleLabel } from "@/components/format";
import { supportRealtimeConfig } from "@/components/support/realtime";
import { SupportWidget } from "@/components/support/support-widget";
import { getDb } from "@/db";
import { getProfile } from "@/lib/accounts/update-profile";
import { requirePageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/auth/permissions";

/**
 * The signed-in shell. It only needs a signed-in user ("account:manage-own" lets staff who still must
 * enrol MFA reach the security page); each page checks its own permission and the MFA rule.
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor("account:manage-own");
  const profile = await getProfile(await getDb(), actor);
  const items = navItemsFor(actor, profile.organisationKind);
  const who = { name: profile.name, email: profile.email, roleLabel: roleLabel(profile.role), organisationName: profile.organisationName };

  return (
    <div className="flex min-h-screen flex-col bg-muted/40">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:left-2 focus:top-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-border bg-background/95 backdrop-blur supports-[backdrop-filter]:bg-background/80">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4 sm:px-6">
          <Link href="/dashboard" className="rounded-sm text-lg font-bold text-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
            TenantLens
          </Link>
          <MainNav items={items} className="hidden md:block" />
          <div className="ml-auto flex items-center gap-1">
            <NotificationsBell realtime={userChannelConfig(actor.userId)} />
            <UserMenu who={who} className="hidden md:block" />
            <MobileMenu items={items} who={who} className="md:hidden" />
          </div>
        </div>
      </header>
      {actor.emailVerified ? null : <VerifyEmailBanner email={profile.email} />}
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
      {/* Customers reach support from every page; staff answer in /support instead. */}
      {can(actor, "support:converse") ? (
        <SupportWidget realtime={supportRealtimeConfig(actor.userId)} name={profile.name} canShareReports={can(actor, "enquiry:read")} />
      ) : null}
    </div>
  );
}

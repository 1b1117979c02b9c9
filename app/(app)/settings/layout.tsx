import { PageHeader } from "@/components/app-shell/page-header";
import { SubNav, type SubNavItem } from "@/components/app-shell/sub-nav";
import { requirePageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/auth/permissions";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  // Not the MFA gate: staff who must still enrol MFA need the security tab; the pages apply it.
  const actor = await requirePageActor("account:manage-own");
  const items: SubNavItem[] = [
    { href: "/settings", label: "Profile" },
    { href: "/settings/security", label: "Security" },
    ...(can(actor, "token:manage-own") ? [{ href: "/settings/api-tokens", label: "API tokens" }] : []),
    ...(can(actor, "whatsapp:link") ? [{ href: "/settings/whatsapp", label: "WhatsApp" }] : []),
  ];
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Settings" description="Your own account: how you sign in and what others see." />
      <SubNav label="Settings" items={items} />
      {children}
    </div>
  );
}

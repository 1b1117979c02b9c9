import { notFound } from "next/navigation";
import { PageHeader } from "@/components/app-shell/page-header";
import { SubNav, type SubNavItem } from "@/components/app-shell/sub-nav";
import { requirePageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/auth/permissions";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  const items: SubNavItem[] = [
    ...(can(actor, "user:manage") ? [{ href: "/admin/users", label: "Users" }] : []),
    ...(can(actor, "org:manage-all") ? [{ href: "/admin/organisations", label: "Organisations" }] : []),
    ...(can(actor, "audit:read") ? [{ href: "/admin/audit", label: "Audit log" }] : []),
    ...(can(actor, "privacy:handle-requests") ? [{ href: "/admin/privacy", label: "Privacy requests" }] : []),
  ];
  if (items.length === 0) notFound();
  return (
    <>
      <PageHeader title="Admin" description="TenantLens staff tools. Every change here is recorded in the audit log." />
      <SubNav label="Admin" items={items} />
      {children}
    </>
  );
}

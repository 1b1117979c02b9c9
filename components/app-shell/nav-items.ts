import type { ResolvedActor } from "@/lib/auth/resolve-actor";
import { can } from "@/lib/auth/permissions";

export type NavIcon = "dashboard" | "enquiries" | "organisation" | "support" | "admin" | "settings";

export interface NavItem {
  href: string;
  label: string;
  icon: NavIcon;
  /** Paths under this prefix count as this item being the current page. */
  match: string;
}

/** The top-level sections this actor may open; the pages check the same permissions themselves. */
export function navItemsFor(actor: ResolvedActor, organisationKind: "individual" | "agency" | "internal"): NavItem[] {
  const items: NavItem[] = [{ href: "/dashboard", label: "Dashboard", icon: "dashboard", match: "/dashboard" }];
  if (can(actor, "enquiry:read")) items.push({ href: "/enquiries", label: "Enquiries", icon: "enquiries", match: "/enquiries" });
  // A sole landlord's organisation is just themselves: the members page only means something in an agency.
  if (can(actor, "org:manage-members") || (can(actor, "org:read-members") && organisationKind === "agency")) {
    items.push({ href: "/organisation", label: "Organisation", icon: "organisation", match: "/organisation" });
  }
  if (can(actor, "support:reply")) items.push({ href: "/support", label: "Support", icon: "support", match: "/support" });
  const adminHref = firstAdminPage(actor);
  if (adminHref) items.push({ href: adminHref, label: "Admin", icon: "admin", match: "/admin" });
  items.push({ href: "/settings", label: "Settings", icon: "settings", match: "/settings" });
  return items;
}

export function firstAdminPage(actor: Pick<ResolvedActor, "role">): string | undefined {
  if (can(actor, "user:manage")) return "/admin/users";
  if (can(actor, "org:manage-all")) return "/admin/organisations";
  if (can(actor, "audit:read")) return "/admin/audit";
  if (can(actor, "privacy:handle-requests")) return "/admin/privacy";
  return undefined;
}

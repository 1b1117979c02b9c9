import type { SubNavItem } from "@/components/app-shell/sub-nav";
import { can, type Actor } from "@/lib/auth/permissions";

/** Admins get tabs for the inbox and the canned replies; agents have only the inbox (no tabs). */
export function supportSubNav(actor: Pick<Actor, "role">): SubNavItem[] | null {
  if (!can(actor, "support:manage-canned-replies")) return null;
  return [
    { href: "/support", label: "Inbox" },
    { href: "/support/canned-replies", label: "Canned replies" },
  ];
}

import { ArrowRight, Building2, KeyRound, ScrollText, ShieldCheck, UserCog, Users, type LucideIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { roleLabel } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { getProfile } from "@/lib/accounts/update-profile";
import { requirePageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/organisation/list-members";

export const metadata: Metadata = { title: "Dashboard" };

interface Tile {
  href: string;
  title: string;
  body: string;
  icon: LucideIcon;
  status?: { label: string; variant: "success" | "warning" | "muted" };
}

export default async function DashboardPage() {
  const actor = await requirePageActor();
  const db = await getDb();
  const profile = await getProfile(db, actor);
  const team = can(actor, "org:manage-members") ? await listMembers(db, actor) : undefined;

  const tiles: Tile[] = [];
  if (team) {
    const active = team.members.filter((member) => !member.disabledAt).length;
    const invited = team.invitations.filter((invitation) => invitation.status === "pending").length;
    tiles.push({
      href: "/organisation",
      title: "Your team",
      body: `Invite landlords and colleagues to ${profile.organisationName}, change their roles or remove them.`,
      icon: Users,
      status: {
        label: `${active} ${active === 1 ? "member" : "members"}${invited ? ` · ${invited} invited` : ""}`,
        variant: "muted",
      },
    });
  } else if (can(actor, "org:read-members") && profile.organisationKind === "agency") {
    tiles.push({ href: "/organisation", title: "Your agency", body: `See who else works in ${profile.organisationName}.`, icon: Building2 });
  }
  if (can(actor, "user:manage")) {
    tiles.push({ href: "/admin/users", title: "Users", body: "Find any user, disable or enable them, change roles, end their sessions, add staff.", icon: UserCog });
  }
  if (can(actor, "org:manage-all")) {
    tiles.push({ href: "/admin/organisations", title: "Organisations", body: "Find customer organisations and disable or enable them.", icon: Building2 });
  }
  if (can(actor, "audit:read")) {
    tiles.push({ href: "/admin/audit", title: "Audit log", body: "Who did what and when, from the tamper-evident audit trail.", icon: ScrollText });
  }
  tiles.push({
    href: "/settings/security",
    title: "Security",
    body: profile.mfaEnabled
      ? "Change your password, manage two-factor authentication, or sign out on every device."
      : "Protect your account with two-factor authentication from an authenticator app; it takes two minutes.",
    icon: ShieldCheck,
    status: profile.mfaEnabled ? { label: "Two-factor on", variant: "success" } : { label: "Two-factor off", variant: "warning" },
  });
  if (can(actor, "token:manage-own")) {
    tiles.push({ href: "/settings/api-tokens", title: "API tokens", body: "Connect your own systems to TenantLens with a personal token that acts as you.", icon: KeyRound });
  }

  const firstName = profile.name.split(/\s+/)[0] ?? profile.name;

  return (
    <>
      <PageHeader
        title={`Welcome, ${firstName}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge variant="muted">{roleLabel(profile.role)}</Badge>
            <span>{profile.organisationName}</span>
          </span>
        }
      />
      <h2 className="sr-only">What you can do</h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {tiles.map(({ href, title, body, icon: Icon, status }) => (
          <li key={href}>
            <Link href={href} className="group block h-full rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
              <Card className="flex h-full flex-col p-5 transition-colors group-hover:border-primary/40 group-hover:bg-primary/[0.02]">
                <div className="flex items-start justify-between gap-3">
                  <Icon aria-hidden className="size-6 text-primary" />
                  {status ? <Badge variant={status.variant}>{status.label}</Badge> : null}
                </div>
                <CardTitle className="mt-3 text-base">{title}</CardTitle>
                <CardDescription className="flex-1">{body}</CardDescription>
                <span className="mt-4 inline-flex items-center gap-1 text-sm font-medium text-primary">
                  Open <ArrowRight aria-hidden className="size-4 transition-transform group-hover:translate-x-0.5" />
                </span>
              </Card>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

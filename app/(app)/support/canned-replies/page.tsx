import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { SubNav } from "@/components/app-shell/sub-nav";
import { CannedRepliesManager } from "@/components/support/canned-replies-manager";
import { requirePageActor } from "@/lib/auth/page-actor";
import { supportSubNav } from "../sub-nav-items";

export const metadata: Metadata = { title: "Canned replies" };

/** Admins: the ready-made answers agents insert into replies. */
export default async function CannedRepliesPage() {
  const actor = await requirePageActor("support:manage-canned-replies");
  const subNav = supportSubNav(actor);
  return (
    <>
      <PageHeader title="Support" description="Canned replies: ready-made answers agents can insert into a reply and edit before sending." />
      {subNav ? <SubNav label="Support" items={subNav} /> : null}
      <CannedRepliesManager />
    </>
  );
}

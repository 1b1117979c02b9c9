import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { SubNav } from "@/components/app-shell/sub-nav";
import { firstParam, type SearchParams } from "@/components/search-params";
import { supportRealtimeConfig } from "@/components/support/realtime";
import { SupportInbox } from "@/components/support/support-inbox";
import { getDb } from "@/db";
import { getProfile } from "@/lib/accounts/update-profile";
import { requirePageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/auth/permissions";
import { supportSubNav } from "./sub-nav-items";

export const metadata: Metadata = { title: "Support inbox" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Staff only: web and WhatsApp conversations in one live inbox (`?c=<id>` opens one). */
export default async function SupportInboxPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor("support:reply");
  const profile = await getProfile(await getDb(), actor);
  const requested = firstParam((await searchParams).c);
  const subNav = supportSubNav(actor);
  return (
    <>
      <PageHeader title="Support" description="Web chat and WhatsApp conversations in one inbox. First replies are due within 15 minutes." />
      {subNav ? <SubNav label="Support" items={subNav} /> : null}
      <SupportInbox
        me={{ id: actor.userId, name: profile.name }}
        isAdmin={can(actor, "support:view-stats")}
        realtime={supportRealtimeConfig(actor.userId)}
        initialConversationId={requested && UUID.test(requested) ? requested.toLowerCase() : null}
      />
    </>
  );
}

import type { Metadata } from "next";
import { PageHeader, Section } from "@/components/app-shell/page-header";
import { getDb } from "@/db";
import { getProfile } from "@/lib/accounts/update-profile";
import { requirePageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/organisation/list-members";
import { readOrganisationSettings } from "@/lib/organisation/organisation-settings";
import { InviteForm } from "./invite-form";
import { Invitations } from "./invitations";
import { MembersTable } from "./members-table";
import { OrganisationSettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationPage() {
  const actor = await requirePageActor("org:read-members");
  const db = await getDb();
  const [profile, { members, invitations }] = await Promise.all([getProfile(db, actor), listMembers(db, actor)]);
  const canManage = can(actor, "org:manage-members") && profile.organisationKind === "agency";
  const settings = can(actor, "org:manage-settings") ? await readOrganisationSettings(db, actor) : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={profile.organisationName}
        description={canManage ? "Your agency's team: invite people, change their roles or remove them." : "The people in your organisation."}
      />
      {canManage ? (
        <Section id="invite" title="Invite someone" description="They get an email with a link to set their name and password. The link works for 7 days.">
          <InviteForm />
        </Section>
      ) : null}
      <Section
        id="members"
        title="Members"
        description={
          canManage
            ? "Landlords see only their own enquiries; Property Managers see the whole agency's and manage the team. Changing a role or removing someone signs them out at once."
            : undefined
        }
      >
        <MembersTable members={members} canManage={canManage} currentUserId={actor.userId} />
      </Section>
      {settings ? (
        <Section id="settings" title="Limits and rules" description="Apply to everyone in the organisation.">
          <OrganisationSettingsForm initial={settings} />
        </Section>
      ) : null}
      {canManage ? (
        <Section
          id="invitations"
          title="Pending invitations"
          description="Resend mails a new link that works for 7 days and stops the earlier one; revoke stops the link at once."
        >
          <Invitations invitations={invitations} />
        </Section>
      ) : null}
    </div>
  );
}

import type { Metadata } from "next";
import { Section } from "@/components/app-shell/page-header";
import { roleLabel } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db";
import { getProfile } from "@/lib/accounts/update-profile";
import { requirePageActor } from "@/lib/auth/page-actor";
import { ChangeEmailForm } from "./change-email-form";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfileSettingsPage() {
  const actor = await requirePageActor();
  const profile = await getProfile(await getDb(), actor);
  return (
    <div className="flex flex-col gap-6">
      <Section title="Profile" description="Your name appears on reports you request and in your organisation's member list.">
        <ProfileForm name={profile.name} />
      </Section>
      <Section
        id="email"
        title="Email address"
        description="You sign in with this address and we send your reports and notices to it. A new address takes effect once you open the link we send to it; then every session is signed out."
      >
        <dl className="mb-4 text-sm">
          <div className="grid gap-1 sm:grid-cols-[10rem_1fr] sm:gap-4">
            <dt className="font-medium text-muted-foreground">Current email</dt>
            <dd className="flex flex-wrap items-center gap-2 break-all">
              {profile.email}
              {profile.emailVerified ? <Badge variant="success">Confirmed</Badge> : <Badge variant="warning">Not confirmed</Badge>}
            </dd>
          </div>
        </dl>
        <ChangeEmailForm />
      </Section>
      <Section title="Account">
        <dl className="flex flex-col gap-4 text-sm">
          <div className="grid gap-1 sm:grid-cols-[10rem_1fr] sm:gap-4">
            <dt className="font-medium text-muted-foreground">Role</dt>
            <dd>{roleLabel(profile.role)}</dd>
          </div>
          <div className="grid gap-1 sm:grid-cols-[10rem_1fr] sm:gap-4">
            <dt className="font-medium text-muted-foreground">Organisation</dt>
            <dd className="break-words">{profile.organisationName}</dd>
          </div>
        </dl>
      </Section>
    </div>
  );
}

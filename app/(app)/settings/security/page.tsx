import type { Metadata } from "next";
import { Section } from "@/components/app-shell/page-header";
import { firstParam, type SearchParams } from "@/components/search-params";
import { Alert } from "@/components/ui/alert";
import { getDb } from "@/db";
import { getProfile } from "@/lib/accounts/update-profile";
import { requirePageActor } from "@/lib/auth/page-actor";
import { requiresMfa } from "@/lib/auth/permissions";
import { ChangePasswordForm } from "./change-password-form";
import { MfaSection } from "./mfa-section";
import { listOwnSessions } from "@/lib/sessions/list-own-sessions";
import { SessionList } from "./session-list";
import { SignOutEverywhere } from "./sign-out-everywhere";

export const metadata: Metadata = { title: "Security" };

export default async function SecuritySettingsPage({ searchParams }: { searchParams: SearchParams }) {
  // The one page staff may open before enrolling the MFA their role requires.
  const actor = await requirePageActor("account:manage-own");
  const db = await getDb();
  const profile = await getProfile(db, actor);
  const sessions = await listOwnSessions(db, actor);
  const roleRequiresMfa = requiresMfa(actor.role);
  const mfaRequiredNotice = firstParam((await searchParams).mfa) === "required" && roleRequiresMfa && !profile.mfaEnabled;

  return (
    <div className="flex flex-col gap-6">
      {mfaRequiredNotice ? (
        <Alert variant="warning" role={undefined} title="Two-factor authentication is required for your role">
          Staff accounts reach beyond a single customer&apos;s data, so they need a second factor. Set it up below to continue.
        </Alert>
      ) : null}
      <Section
        id="two-factor"
        title="Two-factor authentication"
        description="A 6-digit code from an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…) on top of your password."
      >
        <MfaSection enabled={profile.mfaEnabled} required={roleRequiresMfa} />
      </Section>
      <Section id="password" title="Password" description="Changing your password signs you out on every device, this one included.">
        <ChangePasswordForm />
      </Section>
      <Section
        id="sessions"
        title="Sessions"
        description="Where your account is signed in. Sign out a device you no longer use, or, if a phone is lost, every session at once."
      >
        <div className="flex flex-col gap-4">
          <SessionList sessions={sessions} />
          <SignOutEverywhere />
        </div>
      </Section>
    </div>
  );
}

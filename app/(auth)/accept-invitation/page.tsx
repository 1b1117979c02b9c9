import type { Metadata } from "next";
import Link from "next/link";
import { AuthPanel } from "@/components/auth/auth-panel";
import { firstParam, type SearchParams } from "@/components/search-params";
import { Alert } from "@/components/ui/alert";
import { AcceptInvitationForm } from "./accept-invitation-form";

export const metadata: Metadata = { title: "Accept invitation" };

export default async function AcceptInvitationPage({ searchParams }: { searchParams: SearchParams }) {
  const token = firstParam((await searchParams).token);
  return (
    <AuthPanel
      title="Join your agency on TenantLens"
      description="You were invited to an agency's TenantLens account. Tell us your name and choose a password to finish."
      footer={
        <>
          Already have an account? <Link href="/sign-in">Sign in</Link>
        </>
      }
    >
      {token ? (
        <AcceptInvitationForm token={token} />
      ) : (
        <Alert variant="error" role={undefined} title="This invitation link is incomplete">
          Open the link from your invitation email again, or ask the person who invited you to send a new one.
        </Alert>
      )}
    </AuthPanel>
  );
}

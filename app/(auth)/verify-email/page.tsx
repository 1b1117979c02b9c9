import type { Metadata } from "next";
import Link from "next/link";
import { AuthPanel } from "@/components/auth/auth-panel";
import { firstParam, type SearchParams } from "@/components/search-params";
import { Alert } from "@/components/ui/alert";
import { currentActor } from "@/lib/auth/page-actor";
import { VerifyEmail } from "./verify-email";

export const metadata: Metadata = { title: "Confirm your email" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const token = firstParam((await searchParams).token);
  const signedIn = Boolean(await currentActor());
  return (
    <AuthPanel title="Confirm your email" description="Confirming your address lets you run tenant checks and receive reports by email.">
      {token ? (
        <VerifyEmail token={token} signedIn={signedIn} />
      ) : (
        <Alert variant="error" role={undefined} title="This link is incomplete">
          Open the link from your email again, or copy the whole address into your browser. Signed in already?{" "}
          <Link href="/dashboard">Ask for a new link from your dashboard</Link>.
        </Alert>
      )}
    </AuthPanel>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { AuthPanel } from "@/components/auth/auth-panel";
import { firstParam, type SearchParams } from "@/components/search-params";
import { Alert } from "@/components/ui/alert";
import { currentActor } from "@/lib/auth/page-actor";
import { ConfirmEmailChange } from "./confirm-email-change";

export const metadata: Metadata = { title: "Confirm your new email" };

export default async function ConfirmEmailChangePage({ searchParams }: { searchParams: SearchParams }) {
  const token = firstParam((await searchParams).token);
  const signedIn = Boolean(await currentActor());
  return (
    <AuthPanel title="Confirm your new email" description="Once you confirm, this address is the one you sign in with, and every session is signed out.">
      {token ? (
        <ConfirmEmailChange token={token} signedIn={signedIn} />
      ) : (
        <Alert variant="error" role={undefined} title="This link is incomplete">
          Open the link from your email again, or copy the whole address into your browser. Need a new one?{" "}
          <Link href="/settings#email">Ask again from your settings</Link>.
        </Alert>
      )}
    </AuthPanel>
  );
}

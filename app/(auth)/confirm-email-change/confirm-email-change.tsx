"use client";

import Link from "next/link";
import { useState } from "react";
import { ConfirmLinkForm } from "@/components/auth/confirm-link-form";
import { signOutTo } from "@/components/auth/sign-out";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

const SIGN_IN_AFTER_CHANGE = "/sign-in?notice=email-changed";

export function ConfirmEmailChange({ token, signedIn }: { token: string; signedIn: boolean }) {
  const [changed, setChanged] = useState(false);

  if (changed) {
    return (
      <div className="flex flex-col gap-4">
        <Alert variant="success" title="Email changed">
          This is now your TenantLens email. Every session was signed out: sign in again with this new address.
        </Alert>
        {signedIn ? (
          // This browser's session ended too: clear its cookie on the way to the sign-in page.
          <Button type="button" className="w-full" onClick={() => void signOutTo(SIGN_IN_AFTER_CHANGE)}>
            Sign in with your new email
          </Button>
        ) : (
          <Button asChild className="w-full">
            <Link href={SIGN_IN_AFTER_CHANGE}>Sign in with your new email</Link>
          </Button>
        )}
      </div>
    );
  }

  return (
    <ConfirmLinkForm
      endpoint="/api/auth/confirm-email-change"
      token={token}
      prompt="Press the button to make this address your TenantLens email."
      submitLabel="Confirm my new email"
      fallback={signedIn ? { href: "/settings#email", label: "Go to your settings" } : { href: "/sign-in", label: "Sign in" }}
      onConfirmed={() => setChanged(true)}
    />
  );
}

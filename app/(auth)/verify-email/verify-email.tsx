"use client";

import Link from "next/link";
import { useState } from "react";
import { ConfirmLinkForm } from "@/components/auth/confirm-link-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function VerifyEmail({ token, signedIn }: { token: string; signedIn: boolean }) {
  const [verified, setVerified] = useState(false);

  if (verified) {
    return (
      <div className="flex flex-col gap-4">
        <Alert variant="success" title="Email confirmed">
          Thank you. Your address is confirmed.
        </Alert>
        <Button asChild className="w-full">
          {signedIn ? <Link href="/dashboard">Go to your dashboard</Link> : <Link href="/sign-in?notice=email-verified">Sign in</Link>}
        </Button>
      </div>
    );
  }

  return (
    <ConfirmLinkForm
      endpoint="/api/auth/verify-email"
      token={token}
      prompt="Press the button to confirm that this email address is yours."
      submitLabel="Confirm my email"
      fallback={signedIn ? { href: "/dashboard", label: "Go to your dashboard" } : { href: "/sign-in", label: "Sign in" }}
      onConfirmed={() => setVerified(true)}
    />
  );
}

"use client";

import Link from "next/link";
import { useState } from "react";
import { FormError } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useApiForm } from "@/components/forms/use-api-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * Confirms on a click rather than on page load: mail scanners that open links must not be able to
 * use up the single-use link before the person does.
 */
export function VerifyEmail({ token, signedIn }: { token: string; signedIn: boolean }) {
  const form = useApiForm([]);
  const [verified, setVerified] = useState(false);
  // A used or expired link will not work on a second press; anything else (network, rate limit) might.
  const linkDead = form.error?.code === "INVALID_TOKEN";

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
    <form
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit(async () => {
        const result = await form.send("/api/auth/verify-email", { body: { token } });
        if (result.ok) setVerified(true);
      })}
    >
      <FormError message={form.formError} />
      {form.formError ? null : <p className="text-sm text-muted-foreground">Press the button to confirm that this email address is yours.</p>}
      {linkDead ? null : (
        <SubmitButton pending={form.pending} pendingLabel="Confirming…" className="w-full">
          Confirm my email
        </SubmitButton>
      )}
      {form.formError ? (
        <Button asChild variant={linkDead ? "default" : "outline"} className="w-full">
          {signedIn ? <Link href="/dashboard">Go to your dashboard</Link> : <Link href="/sign-in">Sign in</Link>}
        </Button>
      ) : null}
    </form>
  );
}

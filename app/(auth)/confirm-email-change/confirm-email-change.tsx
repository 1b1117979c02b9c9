"use client";

import Link from "next/link";
import { useState } from "react";
import { signOutTo } from "@/components/auth/sign-out";
import { FormError } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useApiForm } from "@/components/forms/use-api-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

const SIGN_IN_AFTER_CHANGE = "/sign-in?notice=email-changed";

/**
 * Confirms on a click rather than on page load: mail scanners that open links must not be able to
 * change the account's email (or use up the single-use link) before the person does.
 */
export function ConfirmEmailChange({ token, signedIn }: { token: string; signedIn: boolean }) {
  const form = useApiForm([]);
  const [changed, setChanged] = useState(false);
  // A used or expired link will not work on a second press; anything else (network, rate limit, address taken) might later.
  const linkDead = form.error?.code === "INVALID_TOKEN";

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
    <form
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit(async () => {
        const result = await form.send("/api/auth/confirm-email-change", { body: { token } });
        if (result.ok) setChanged(true);
      })}
    >
      <FormError message={form.formError} />
      {form.formError ? null : <p className="text-sm text-muted-foreground">Press the button to make this address your TenantLens email.</p>}
      {linkDead ? null : (
        <SubmitButton pending={form.pending} pendingLabel="Confirming…" className="w-full">
          Confirm my new email
        </SubmitButton>
      )}
      {form.formError ? (
        <Button asChild variant={linkDead ? "default" : "outline"} className="w-full">
          {signedIn ? <Link href="/settings#email">Go to your settings</Link> : <Link href="/sign-in">Sign in</Link>}
        </Button>
      ) : null}
    </form>
  );
}

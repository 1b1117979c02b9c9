"use client";

import Link from "next/link";
import { FormError } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";

interface ConfirmLinkFormProps {
  /** The API route that consumes the emailed token. */
  endpoint: string;
  token: string;
  prompt: string;
  submitLabel: string;
  /** Where to go when the link failed: settings or dashboard when signed in, else sign-in. */
  fallback: { href: string; label: string };
  onConfirmed: () => void;
}

/**
 * Confirms an emailed single-use link on a click rather than on page load: mail scanners that open
 * links must not be able to use it up (or act on it) before the person does.
 */
export function ConfirmLinkForm({ endpoint, token, prompt, submitLabel, fallback, onConfirmed }: ConfirmLinkFormProps) {
  const form = useApiForm([]);
  // A used or expired link will not work on a second press; anything else (network, rate limit…) might later.
  const linkDead = form.error?.code === "INVALID_TOKEN";
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit(async () => {
        const result = await form.send(endpoint, { body: { token } });
        if (result.ok) onConfirmed();
      })}
    >
      <FormError message={form.formError} />
      {form.formError ? null : <p className="text-sm text-muted-foreground">{prompt}</p>}
      {linkDead ? null : (
        <SubmitButton pending={form.pending} pendingLabel="Confirming…" className="w-full">
          {submitLabel}
        </SubmitButton>
      )}
      {form.formError ? (
        <Button asChild variant={linkDead ? "default" : "outline"} className="w-full">
          <Link href={fallback.href}>{fallback.label}</Link>
        </Button>
      ) : null}
    </form>
  );
}

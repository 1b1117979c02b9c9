"use client";

import { useState } from "react";
import { FormError, TextField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";
import { Alert } from "@/components/ui/alert";

export function ForgotPasswordForm() {
  const form = useApiForm(["email"] as const);
  const [message, setMessage] = useState<string | undefined>();

  if (message) {
    return (
      <Alert variant="success" title="Check your email">
        {message} The link works once and expires in 30 minutes. Your current password keeps working until you change it.
      </Alert>
    );
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-5"
      onSubmit={form.handleSubmit(async (data) => {
        const result = await form.send<{ message?: string }>("/api/auth/forgot-password", { body: { email: formText(data, "email") } });
        if (result.ok) setMessage(result.data.message ?? "If an account uses that email, a reset link is on its way.");
      })}
    >
      <FormError message={form.formError} />
      <fieldset disabled={form.pending}>
        <TextField label="Email" name="email" type="email" autoComplete="email" inputMode="email" spellCheck={false} required error={form.fieldError("email")} />
      </fieldset>
      <SubmitButton pending={form.pending} pendingLabel="Sending…" className="w-full">
        Send reset link
      </SubmitButton>
    </form>
  );
}

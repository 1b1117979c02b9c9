"use client";

import { useRouter } from "next/navigation";
import { FormError, PasswordField, TextField } from "@/components/forms/fields";
import { PASSWORD_HINT, passwordTooShort } from "@/components/forms/password-rules";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";

export function AcceptInvitationForm({ token }: { token: string }) {
  const form = useApiForm(["name", "password"] as const);
  const router = useRouter();

  // A used, revoked or expired invitation cannot be fixed from here: only a new invitation helps.
  if (form.error?.code === "INVALID_TOKEN") {
    return (
      <div className="flex flex-col gap-3">
        <FormError message={form.formError} />
        <p className="text-sm text-muted-foreground">Ask the Property Manager who invited you to send a new invitation from their Organisation page.</p>
      </div>
    );
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-5"
      onSubmit={form.handleSubmit(async (data) => {
        const password = formText(data, "password", { trim: false });
        const tooShort = passwordTooShort(password);
        if (tooShort) {
          form.setError(tooShort);
          return;
        }
        const result = await form.send("/api/invitations/accept", { body: { token, name: formText(data, "name"), password } });
        if (result.ok) router.push("/sign-in?notice=invitation-accepted");
      })}
    >
      <FormError message={form.formError} />
      <fieldset disabled={form.pending} className="flex flex-col gap-5">
        <TextField label="Your name" name="name" autoComplete="name" required error={form.fieldError("name")} />
        <PasswordField
          label="Password"
          name="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_HINT}
          error={form.fieldError("password")}
        />
      </fieldset>
      <SubmitButton pending={form.pending} pendingLabel="Creating account…" className="w-full">
        Accept and create account
      </SubmitButton>
    </form>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { FormError, PasswordField } from "@/components/forms/fields";
import { PASSWORD_HINT, passwordTooShort } from "@/components/forms/password-rules";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";

export function ResetPasswordForm({ token }: { token: string }) {
  const form = useApiForm(["password"] as const);
  const router = useRouter();

  if (form.error?.code === "INVALID_TOKEN") {
    return (
      <div className="flex flex-col gap-4">
        <FormError message={form.formError} />
        <Button asChild className="w-full">
          <Link href="/forgot-password">Ask for a new reset link</Link>
        </Button>
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
        const result = await form.send("/api/auth/reset-password", { body: { token, password } });
        if (result.ok) router.push("/sign-in?notice=password-reset");
      })}
    >
      <FormError message={form.formError} />
      <fieldset disabled={form.pending}>
        <PasswordField
          label="New password"
          name="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_HINT}
          error={form.fieldError("password")}
        />
      </fieldset>
      <SubmitButton pending={form.pending} pendingLabel="Saving…" className="w-full">
        Set new password
      </SubmitButton>
    </form>
  );
}

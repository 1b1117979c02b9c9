"use client";

import { signOutTo } from "@/components/auth/sign-out";
import { FormError, PasswordField } from "@/components/forms/fields";
import { PASSWORD_HINT, passwordTooShort } from "@/components/forms/password-rules";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";

export function ChangePasswordForm() {
  const form = useApiForm(["currentPassword", "newPassword"] as const);

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit(async (data) => {
        const currentPassword = formText(data, "currentPassword", { trim: false });
        const newPassword = formText(data, "newPassword", { trim: false });
        if (!currentPassword) {
          form.setError({ code: "REQUIRED", field: "currentPassword", message: "Enter your current password." });
          return;
        }
        const tooShort = passwordTooShort(newPassword, "newPassword");
        if (tooShort) {
          form.setError(tooShort);
          return;
        }
        const result = await form.send("/api/account/password", { body: { currentPassword, newPassword } });
        // Every session, this one included, has just ended on the server: clear the cookie and sign in again.
        if (result.ok) await signOutTo("/sign-in?notice=password-changed");
      })}
    >
      <FormError message={form.formError} />
      <fieldset disabled={form.pending} className="flex flex-col gap-4 sm:max-w-md">
        <PasswordField label="Current password" name="currentPassword" autoComplete="current-password" required error={form.fieldError("currentPassword")} />
        <PasswordField label="New password" name="newPassword" autoComplete="new-password" required hint={PASSWORD_HINT} error={form.fieldError("newPassword")} />
      </fieldset>
      <div>
        <SubmitButton pending={form.pending} pendingLabel="Changing…" className="w-full sm:w-auto">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}

"use client";

import { useState } from "react";
import { FormError, PasswordField, TextField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";
import { Alert } from "@/components/ui/alert";

/** Asks for the new address and the current password; the change happens only once the new address confirms it. */
export function ChangeEmailForm() {
  const form = useApiForm(["newEmail", "currentPassword"] as const);
  const [sent, setSent] = useState<string | undefined>();

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit(async (data, element) => {
        setSent(undefined);
        const newEmail = formText(data, "newEmail");
        const currentPassword = formText(data, "currentPassword", { trim: false });
        if (!newEmail) {
          form.setError({ code: "REQUIRED", field: "newEmail", message: "Enter your new email address." });
          return;
        }
        if (!currentPassword) {
          form.setError({ code: "REQUIRED", field: "currentPassword", message: "Enter your current password." });
          return;
        }
        const result = await form.send<{ message: string }>("/api/account/email", { body: { currentPassword, newEmail } });
        if (result.ok) {
          setSent(result.data.message);
          element.reset();
        }
      })}
    >
      <FormError message={form.formError} />
      {sent ? (
        <Alert variant="success" title="Check your new inbox">
          {sent}
        </Alert>
      ) : null}
      <fieldset disabled={form.pending} className="flex flex-col gap-4 sm:max-w-md">
        <TextField
          label="New email address"
          name="newEmail"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          error={form.fieldError("newEmail")}
        />
        <PasswordField
          label="Current password"
          name="currentPassword"
          autoComplete="current-password"
          required
          hint="To make sure it is you."
          error={form.fieldError("currentPassword")}
        />
      </fieldset>
      <div>
        <SubmitButton pending={form.pending} pendingLabel="Sending…" className="w-full sm:w-auto">
          Send confirmation link
        </SubmitButton>
      </div>
    </form>
  );
}

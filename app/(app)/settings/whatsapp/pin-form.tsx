"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, PasswordField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";
import { Alert } from "@/components/ui/alert";

export function PinForm({ hasPin }: { hasPin: boolean }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useApiForm(["pin", "currentPassword"] as const);
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit(async (data, element) => {
        setSaved(false);
        const pin = formText(data, "pin");
        if (!/^\d{4,6}$/.test(pin)) {
          form.setError({ code: "INVALID_PIN", field: "pin", message: "Use 4 to 6 digits." });
          return;
        }
        const result = await form.send("/api/account/whatsapp/pin", { method: "PUT", body: { pin, currentPassword: formText(data, "currentPassword", { trim: false }) } });
        if (result.ok) {
          element.reset();
          setSaved(true);
          router.refresh();
        }
      })}
    >
      {saved ? (
        <Alert variant="success" role="status">
          WhatsApp PIN saved.
        </Alert>
      ) : null}
      <FormError message={form.formError} />
      <fieldset disabled={form.pending} className="flex flex-col gap-4 sm:max-w-md">
        <PasswordField label={hasPin ? "New PIN" : "PIN"} name="pin" inputMode="numeric" autoComplete="off" maxLength={6} hint="4 to 6 digits; not 1234 or 0000." required error={form.fieldError("pin")} />
        <PasswordField label="Current password" name="currentPassword" autoComplete="current-password" required error={form.fieldError("currentPassword")} />
      </fieldset>
      <div>
        <SubmitButton pending={form.pending} pendingLabel="Saving…" className="w-full sm:w-auto">
          {hasPin ? "Change PIN" : "Set PIN"}
        </SubmitButton>
      </div>
    </form>
  );
}

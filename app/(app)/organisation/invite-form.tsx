"use client";

import { Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, SelectField, TextField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";

export function InviteForm() {
  const form = useApiForm(["email", "role"] as const);
  const router = useRouter();
  const [sentTo, setSentTo] = useState<string | undefined>();

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit(async (data, element) => {
        setSentTo(undefined);
        const email = formText(data, "email");
        const result = await form.send("/api/organisation/invitations", { body: { email, role: formText(data, "role") } });
        if (result.ok) {
          setSentTo(email);
          element.reset();
          router.refresh();
        }
      })}
    >
      <FormError message={form.formError} />
      <fieldset disabled={form.pending} className="grid gap-4 sm:grid-cols-[1fr_14rem]">
        <TextField label="Email" name="email" type="email" autoComplete="off" inputMode="email" spellCheck={false} required error={form.fieldError("email")} />
        <SelectField label="Role" name="role" defaultValue="landlord" error={form.fieldError("role")}>
          <option value="landlord">Landlord</option>
          <option value="property_manager">Property manager</option>
        </SelectField>
      </fieldset>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
        <SubmitButton pending={form.pending} pendingLabel="Sending…" className="w-full sm:w-auto">
          <Send aria-hidden className="size-4" />
          Send invitation
        </SubmitButton>
        <p aria-live="polite" className="break-all text-sm text-emerald-700">
          {sentTo ? `Invitation sent to ${sentTo}.` : ""}
        </p>
      </div>
    </form>
  );
}

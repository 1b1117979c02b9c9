"use client";

import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, PasswordField, SelectField, TextField } from "@/components/forms/fields";
import { PASSWORD_HINT, passwordTooShort } from "@/components/forms/password-rules";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";

/** Staff accounts exist only through here (or the create-admin CLI); they enrol MFA at first sign-in. */
export function CreateStaffUser() {
  const form = useApiForm(["name", "email", "role", "password"] as const);
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<string | undefined>();

  if (!open) {
    return (
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p aria-live="polite" className="text-sm text-emerald-700">
          {created ? `Staff user ${created} created. Share the password with them in person; they set up two-factor at first sign-in.` : ""}
        </p>
        <Button type="button" variant="outline" onClick={() => setOpen(true)} className="sm:ml-auto">
          <UserPlus aria-hidden className="size-4" />
          Add a staff user
        </Button>
      </div>
    );
  }

  return (
    <form
      noValidate
      aria-labelledby="create-staff-heading"
      className="flex flex-col gap-4 rounded-lg border border-border bg-card p-4 shadow-sm sm:p-6"
      onSubmit={form.handleSubmit(async (data) => {
        const password = formText(data, "password", { trim: false });
        const tooShort = passwordTooShort(password);
        if (tooShort) {
          form.setError(tooShort);
          return;
        }
        const email = formText(data, "email");
        const result = await form.send("/api/admin/users", {
          body: { name: formText(data, "name"), email, role: formText(data, "role"), password },
        });
        if (result.ok) {
          setCreated(email);
          setOpen(false);
          router.refresh();
        }
      })}
    >
      <div>
        <h2 id="create-staff-heading" className="text-lg font-semibold">
          Add a staff user
        </h2>
        <p className="mt-1 text-sm text-muted-foreground">An Admin or Support Agent in TenantLens staff. They must set up two-factor authentication before anything else.</p>
      </div>
      <FormError message={form.formError} />
      <fieldset disabled={form.pending} className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" autoComplete="off" required error={form.fieldError("name")} />
        <TextField label="Email" name="email" type="email" autoComplete="off" inputMode="email" spellCheck={false} required error={form.fieldError("email")} />
        <SelectField label="Role" name="role" defaultValue="support_agent" error={form.fieldError("role")}>
          <option value="support_agent">Support agent</option>
          <option value="admin">Admin</option>
        </SelectField>
        <PasswordField label="Initial password" name="password" autoComplete="new-password" required hint={PASSWORD_HINT} error={form.fieldError("password")} />
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={form.pending} pendingLabel="Creating…">
          Create staff user
        </SubmitButton>
        <Button type="button" variant="ghost" disabled={form.pending} onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

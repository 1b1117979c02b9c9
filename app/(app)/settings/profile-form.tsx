"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, TextField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";

export function ProfileForm({ name }: { name: string }) {
  const form = useApiForm(["name"] as const);
  const router = useRouter();
  const [saved, setSaved] = useState(false);

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit(async (data) => {
        setSaved(false);
        const result = await form.send("/api/account", { method: "PATCH", body: { name: formText(data, "name") } });
        if (result.ok) {
          setSaved(true);
          router.refresh();
        }
      })}
    >
      <FormError message={form.formError} />
      <fieldset disabled={form.pending} className="sm:max-w-md">
        <TextField label="Name" name="name" autoComplete="name" defaultValue={name} required error={form.fieldError("name")} onChange={() => setSaved(false)} />
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={form.pending} pendingLabel="Saving…" className="w-full sm:w-auto">
          Save
        </SubmitButton>
        <p aria-live="polite" className="text-sm text-emerald-700">
          {saved ? "Saved." : ""}
        </p>
      </div>
    </form>
  );
}

"use client";

import { MailCheck } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { FormError, PasswordField, TextField } from "@/components/forms/fields";
import { PASSWORD_HINT, passwordTooShort } from "@/components/forms/password-rules";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";
import { FieldError } from "@/components/ui/field-error";
import { cn } from "@/lib/ui/cn";

const FIELDS = ["name", "email", "password", "accountType", "organisationName"] as const;
type AccountType = "landlord" | "agency";

const ACCOUNT_TYPES: { value: AccountType; title: string; body: string }[] = [
  { value: "landlord", title: "Landlord", body: "I let my own property." },
  { value: "agency", title: "Letting agency", body: "I manage properties for owners, with a team." },
];

export function SignUpForm() {
  const form = useApiForm(FIELDS);
  const [accountType, setAccountType] = useState<AccountType>("landlord");
  const [sentTo, setSentTo] = useState<string | undefined>();
  const groupId = useId();

  if (sentTo) {
    return (
      <div role="status" className="flex flex-col items-start gap-3">
        <MailCheck aria-hidden className="size-10 text-primary" />
        <h2 className="text-lg font-semibold">Check your email</h2>
        <p className="text-sm text-muted-foreground">
          We sent a confirmation link to <strong className="break-all text-foreground">{sentTo}</strong>. Open it on this or any device to confirm
          your address. The link works once and expires in 24 hours.
        </p>
        <p className="text-sm text-muted-foreground">
          Nothing there? Check your spam folder. You can already <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">sign in</Link>; you will be asked to confirm before your first enquiry.
        </p>
      </div>
    );
  }

  const accountTypeError = form.fieldError("accountType");

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
        const email = formText(data, "email");
        const result = await form.send("/api/auth/register", {
          body: {
            name: formText(data, "name"),
            email,
            password,
            accountType,
            ...(accountType === "agency" ? { organisationName: formText(data, "organisationName") } : {}),
          },
        });
        if (result.ok) setSentTo(email);
      })}
    >
      <FormError message={form.formError} />
      <fieldset disabled={form.pending} className="flex flex-col gap-5">
        <fieldset aria-describedby={accountTypeError ? `${groupId}-error` : undefined} className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-medium">I am a</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {ACCOUNT_TYPES.map((option) => (
              <label
                key={option.value}
                className={cn(
                  "flex cursor-pointer items-start gap-3 rounded-md border border-border p-3 text-sm transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                  accountType === option.value ? "border-primary bg-primary/5" : "hover:bg-muted",
                )}
              >
                <input
                  type="radio"
                  name="accountType"
                  value={option.value}
                  checked={accountType === option.value}
                  onChange={() => setAccountType(option.value)}
                  className="mt-0.5 size-4 accent-primary"
                />
                <span>
                  <span className="block font-medium">{option.title}</span>
                  <span className="block text-muted-foreground">{option.body}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError id={`${groupId}-error`} message={accountTypeError} />
        </fieldset>

        {accountType === "agency" ? (
          <TextField label="Agency name" name="organisationName" autoComplete="organization" required error={form.fieldError("organisationName")} />
        ) : null}
        <TextField label="Your name" name="name" autoComplete="name" required error={form.fieldError("name")} />
        <TextField label="Email" name="email" type="email" autoComplete="email" inputMode="email" spellCheck={false} required error={form.fieldError("email")} />
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
        Create account
      </SubmitButton>
      <p className="text-xs text-muted-foreground">
        An agency account makes you its Property Manager: you can invite landlords and colleagues afterwards.
      </p>
    </form>
  );
}

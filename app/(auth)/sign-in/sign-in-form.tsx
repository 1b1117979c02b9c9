"use client";

import { KeyRound } from "lucide-react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { FormError, PasswordField, TextField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";

type Step = "credentials" | "totp";
type FieldName = "email" | "password" | "totp";

interface Failure {
  message: string;
  field?: FieldName;
}

function describeFailure(error: string | undefined, code: string | undefined, step: Step): Failure {
  if (code === "rate_limited") return { message: "Too many attempts. Wait a few minutes, then try again." };
  if (error !== "CredentialsSignin") return { message: "We could not sign you in right now. Try again in a moment." };
  if (step === "totp") {
    return {
      field: "totp",
      message: "That code did not work. Each code works once: wait for the next one in your app, or use a recovery code.",
    };
  }
  return { message: "Email or password is incorrect." };
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [step, setStep] = useState<Step>("credentials");
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>();
  // Kept so "Use a different account" can bring the email back into the form.
  const [email, setEmail] = useState("");
  const credentials = useRef({ email: "", password: "" });
  const totpRef = useRef<HTMLInputElement>(null);

  async function attempt(totp: string | undefined) {
    setPending(true);
    setFailure(undefined);
    try {
      const result = await signIn("credentials", { ...credentials.current, ...(totp ? { totp } : {}), redirect: false });
      if (!result.error) {
        // A full load, so every server component renders with the new session cookie.
        window.location.assign(callbackUrl);
        return;
      }
      if (result.code === "totp_required") {
        setStep("totp");
        setPending(false);
        return;
      }
      setFailure(describeFailure(result.error, result.code, step));
      setPending(false);
      if (step === "totp") requestAnimationFrame(() => totpRef.current?.focus());
    } catch {
      setFailure({ message: "Could not reach TenantLens. Check your connection and try again." });
      setPending(false);
    }
  }

  function onCredentials(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const rawEmail = data.get("email");
    const rawPassword = data.get("password");
    credentials.current = { email: typeof rawEmail === "string" ? rawEmail.trim() : "", password: typeof rawPassword === "string" ? rawPassword : "" };
    setEmail(credentials.current.email);
    if (!credentials.current.email || !credentials.current.password) {
      setFailure({ message: "Enter your email and password." });
      return;
    }
    void attempt(undefined);
  }

  function onTotp(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const value = new FormData(event.currentTarget).get("totp");
    const code = typeof value === "string" ? value.trim() : "";
    if (!code) {
      setFailure({ field: "totp", message: "Enter the 6-digit code from your authenticator app." });
      return;
    }
    void attempt(code);
  }

  if (step === "totp") {
    return (
      <form noValidate onSubmit={onTotp} className="flex flex-col gap-5">
        <div className="flex items-start gap-3 rounded-md bg-muted p-3 text-sm">
          <KeyRound aria-hidden className="mt-0.5 size-5 shrink-0 text-primary" />
          <p>
            <span className="block font-medium">Two-factor authentication</span>
            <span className="text-muted-foreground">Enter the 6-digit code from your authenticator app, or one of your recovery codes.</span>
          </p>
        </div>
        <FormError message={failure && !failure.field ? failure.message : undefined} />
        <fieldset disabled={pending}>
          <TextField
            ref={totpRef}
            label="Authentication code"
            name="totp"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            maxLength={32}
            className="[&_input]:font-mono [&_input]:tracking-widest"
            error={failure?.field === "totp" ? failure.message : undefined}
          />
        </fieldset>
        <SubmitButton pending={pending} pendingLabel="Checking…" className="w-full">
          Verify and sign in
        </SubmitButton>
        <Button
          type="button"
          variant="ghost"
          disabled={pending}
          onClick={() => {
            setStep("credentials");
            setFailure(undefined);
            credentials.current = { email: credentials.current.email, password: "" };
          }}
        >
          Use a different account
        </Button>
      </form>
    );
  }

  return (
    <form noValidate onSubmit={onCredentials} className="flex flex-col gap-5">
      <FormError message={failure?.message} />
      <fieldset disabled={pending} className="flex flex-col gap-5">
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          defaultValue={email}
        />
        <div className="flex flex-col gap-1.5">
          <PasswordField label="Password" name="password" autoComplete="current-password" required />
          <Link href="/forgot-password" className="self-end text-sm font-medium text-primary underline-offset-4 hover:underline">
            Forgot password?
          </Link>
        </div>
      </fieldset>
      <SubmitButton pending={pending} pendingLabel="Signing in…" className="w-full">
        Sign in
      </SubmitButton>
    </form>
  );
}

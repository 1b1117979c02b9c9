"use client";

import { Download, ShieldCheck, Smartphone } from "lucide-react";
import Image from "next/image";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, PasswordField, TextField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

interface Enrolment {
  secret: string;
  uri: string;
  qrCodeDataUrl: string;
}

type Step = { kind: "idle" } | { kind: "password" } | { kind: "scan"; enrolment: Enrolment } | { kind: "codes"; codes: string[] } | { kind: "disable" };

/** Groups a base32 secret in fours, as authenticator apps show it, for typing by hand. */
function groupSecret(secret: string) {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

export function MfaSection({ enabled, required }: { enabled: boolean; required: boolean }) {
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const router = useRouter();

  if (step.kind === "password") {
    return <StartEnrolment onCancel={() => setStep({ kind: "idle" })} onStarted={(enrolment) => setStep({ kind: "scan", enrolment })} />;
  }
  if (step.kind === "scan") {
    return <ConfirmEnrolment enrolment={step.enrolment} onCancel={() => setStep({ kind: "idle" })} onConfirmed={(codes) => setStep({ kind: "codes", codes })} />;
  }
  if (step.kind === "codes") {
    return (
      <RecoveryCodes
        codes={step.codes}
        required={required}
        onDone={() => {
          setStep({ kind: "idle" });
          router.refresh();
        }}
      />
    );
  }
  if (step.kind === "disable") {
    return (
      <DisableMfa
        onCancel={() => setStep({ kind: "idle" })}
        onDisabled={() => {
          setStep({ kind: "idle" });
          router.refresh();
        }}
      />
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        Status: {enabled ? <Badge variant="success">On</Badge> : <Badge variant="warning">Off</Badge>}
      </p>
      {enabled ? (
        required ? (
          <p className="text-sm text-muted-foreground">Your role requires two-factor authentication, so it cannot be turned off.</p>
        ) : (
          <div>
            <Button type="button" variant="destructive-outline" onClick={() => setStep({ kind: "disable" })}>
              Turn off two-factor authentication
            </Button>
          </div>
        )
      ) : (
        <div>
          <Button type="button" onClick={() => setStep({ kind: "password" })} className="w-full sm:w-auto">
            <ShieldCheck aria-hidden className="size-4" />
            Set up two-factor authentication
          </Button>
        </div>
      )}
    </div>
  );
}

function StartEnrolment({ onCancel, onStarted }: { onCancel: () => void; onStarted: (enrolment: Enrolment) => void }) {
  const form = useApiForm(["currentPassword"] as const);
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit(async (data) => {
        const currentPassword = formText(data, "currentPassword", { trim: false });
        if (!currentPassword) {
          form.setError({ code: "REQUIRED", field: "currentPassword", message: "Enter your current password." });
          return;
        }
        const result = await form.send<Enrolment>("/api/account/mfa", { body: { currentPassword } });
        if (result.ok) onStarted(result.data);
      })}
    >
      <p className="text-sm font-medium">Step 1 of 3: confirm it is you</p>
      <FormError message={form.formError} />
      <fieldset disabled={form.pending} className="sm:max-w-md">
        <PasswordField label="Current password" name="currentPassword" autoComplete="current-password" autoFocus required error={form.fieldError("currentPassword")} />
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={form.pending} pendingLabel="Checking…">
          Continue
        </SubmitButton>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={form.pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function ConfirmEnrolment({ enrolment, onCancel, onConfirmed }: { enrolment: Enrolment; onCancel: () => void; onConfirmed: (codes: string[]) => void }) {
  const form = useApiForm(["code"] as const);
  return (
    <div className="flex flex-col gap-5">
      <p className="text-sm font-medium">Step 2 of 3: add TenantLens to your authenticator app</p>
      <div className="flex flex-col gap-5 sm:flex-row sm:items-start">
        <div className="self-center rounded-lg border border-border bg-white p-2 sm:self-start">
          <Image src={enrolment.qrCodeDataUrl} alt="QR code for your authenticator app" width={176} height={176} unoptimized />
        </div>
        <div className="flex min-w-0 flex-1 flex-col gap-3 text-sm">
          <p>Scan the QR code with your authenticator app.</p>
          <p>
            On this phone?{" "}
            <a href={enrolment.uri} className="inline-flex items-center gap-1 font-medium text-primary underline-offset-4 hover:underline">
              <Smartphone aria-hidden className="size-4" />
              Open in your authenticator app
            </a>
          </p>
          <div className="flex flex-col gap-2">
            <p>Or type this setup key into the app:</p>
            <code data-testid="totp-secret" className="block break-words rounded-md bg-muted px-3 py-2 font-mono text-base tracking-wider">
              {groupSecret(enrolment.secret)}
            </code>
            <div>
              <CopyButton value={enrolment.secret} label="Copy setup key" />
            </div>
          </div>
        </div>
      </div>
      <form
        noValidate
        className="flex flex-col gap-4 border-t border-border pt-5"
        onSubmit={form.handleSubmit(async (data) => {
          const code = formText(data, "code").replace(/\s/g, "");
          if (!/^\d{6}$/.test(code)) {
            form.setError({ code: "INVALID_TOTP", field: "code", message: "Enter the 6-digit code your app shows for TenantLens." });
            return;
          }
          const result = await form.send<{ recoveryCodes: string[] }>("/api/account/mfa/confirm", { body: { code } });
          if (result.ok) onConfirmed(result.data.recoveryCodes);
        })}
      >
        <p className="text-sm font-medium">Step 3 of 3: enter the code your app shows</p>
        <FormError message={form.formError} />
        <fieldset disabled={form.pending} className="sm:max-w-xs">
          <TextField
            label="6-digit code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={7}
            required
            className="[&_input]:font-mono [&_input]:tracking-widest"
            error={form.fieldError("code")}
          />
        </fieldset>
        <div className="flex flex-wrap gap-2">
          <SubmitButton pending={form.pending} pendingLabel="Checking…">
            Turn on two-factor
          </SubmitButton>
          <Button type="button" variant="ghost" onClick={onCancel} disabled={form.pending}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}

function RecoveryCodes({ codes, required, onDone }: { codes: string[]; required: boolean; onDone: () => void }) {
  const text = codes.join("\n");
  function download() {
    const url = URL.createObjectURL(new Blob([`TenantLens recovery codes\nEach code works once.\n\n${text}\n`], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "tenantlens-recovery-codes.txt";
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  return (
    <div className="flex flex-col gap-4">
      <Alert variant="success" title="Two-factor authentication is on">
        From now on you will enter a code from your app when you sign in.
      </Alert>
      <Alert variant="warning" role={undefined} title="Save your recovery codes now">
        If you lose your phone, each of these codes lets you sign in once instead of an app code. This is the only time we show them: keep
        them in a password manager or print them.
      </Alert>
      <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-lg border border-border bg-muted p-3 font-mono text-sm sm:grid-cols-5">
        {codes.map((code) => (
          <li key={code} className="rounded bg-background px-2 py-1.5 text-center tracking-wide">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <CopyButton value={text} label="Copy codes" />
        <Button type="button" variant="outline" size="sm" onClick={download}>
          <Download aria-hidden className="size-4" />
          Download
        </Button>
      </div>
      <div className="flex flex-col gap-2 border-t border-border pt-4 sm:flex-row sm:items-center">
        <Button type="button" onClick={onDone}>
          I have saved my recovery codes
        </Button>
        {required ? (
          <Link href="/dashboard" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Continue to the dashboard
          </Link>
        ) : null}
      </div>
    </div>
  );
}

function DisableMfa({ onCancel, onDisabled }: { onCancel: () => void; onDisabled: () => void }) {
  const form = useApiForm(["currentPassword", "code"] as const);
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit(async (data) => {
        const result = await form.send("/api/account/mfa", {
          method: "DELETE",
          body: { currentPassword: formText(data, "currentPassword", { trim: false }), code: formText(data, "code").replace(/\s/g, "") },
        });
        if (result.ok) onDisabled();
      })}
    >
      <p className="text-sm">Turning it off leaves only your password protecting your account. Confirm with your password and a current code.</p>
      <FormError message={form.formError} />
      <fieldset disabled={form.pending} className="flex flex-col gap-4 sm:max-w-md">
        <PasswordField label="Current password" name="currentPassword" autoComplete="current-password" autoFocus required error={form.fieldError("currentPassword")} />
        <TextField label="6-digit code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required error={form.fieldError("code")} />
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={form.pending} pendingLabel="Turning off…" variant="destructive">
          Turn off two-factor
        </SubmitButton>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={form.pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

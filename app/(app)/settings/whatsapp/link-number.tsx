"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, TextField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { callApi } from "@/components/forms/api";

/** Two ways to prove the number: a code we send to it, or a code the user sends from it. */
export function LinkNumber({ businessNumber, disabled }: { businessNumber: string | null; disabled: boolean }) {
  const router = useRouter();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [shown, setShown] = useState<{ code: string; sendTo: string | null } | null>(null);
  const [showError, setShowError] = useState<string | undefined>();
  const request = useApiForm(["phone"] as const);
  const confirm = useApiForm(["code"] as const);

  return (
    <div className="flex flex-col gap-6">
      {sentTo === null ? (
        <form
          noValidate
          className="flex flex-col gap-4 sm:max-w-md"
          onSubmit={request.handleSubmit(async (data) => {
            const result = await request.send<{ sentTo: string }>("/api/account/whatsapp/link", { body: { phone: formText(data, "phone") } });
            if (result.ok) setSentTo(result.data.sentTo);
          })}
        >
          <FormError message={request.formError} />
          <fieldset disabled={disabled || request.pending} className="flex flex-col gap-4">
            <TextField label="WhatsApp number" name="phone" type="tel" inputMode="tel" autoComplete="tel" placeholder="082 123 4567" required error={request.fieldError("phone")} />
          </fieldset>
          <div>
            <SubmitButton pending={request.pending} pendingLabel="Sending code…" className="w-full sm:w-auto">
              Send me a code on WhatsApp
            </SubmitButton>
          </div>
        </form>
      ) : (
        <form
          noValidate
          className="flex flex-col gap-4 sm:max-w-md"
          onSubmit={confirm.handleSubmit(async (data) => {
            const result = await confirm.send("/api/account/whatsapp/link/confirm", { body: { code: formText(data, "code") } });
            if (result.ok) router.refresh();
          })}
        >
          <p className="text-sm">
            We sent a 6-digit code to <span className="font-medium">{sentTo}</span> on WhatsApp. It is valid for 10 minutes.
          </p>
          <FormError message={confirm.formError} />
          <fieldset disabled={confirm.pending} className="flex flex-col gap-4">
            <TextField label="Code from WhatsApp" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required error={confirm.fieldError("code")} />
          </fieldset>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pending={confirm.pending} pendingLabel="Linking…">
              Link this number
            </SubmitButton>
            <Button type="button" variant="ghost" onClick={() => setSentTo(null)}>
              Use another number
            </Button>
          </div>
        </form>
      )}

      <div className="border-t border-border pt-4 text-sm">
        <p className="mb-2 text-muted-foreground">Or send a code from your phone instead:</p>
        {shown ? (
          <p data-testid="link-code-instructions">
            Send <span className="font-mono font-semibold">LINK {shown.code}</span> on WhatsApp to {shown.sendTo ?? "our WhatsApp number"} within 10 minutes, then reload this page.
          </p>
        ) : (
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={disabled}
            onClick={() => {
              void callApi<{ code: string; sendTo: string | null }>("/api/account/whatsapp/link-code", { method: "POST" }).then((result) => {
                if (result.ok) setShown({ code: result.data.code, sendTo: result.data.sendTo ?? businessNumber });
                else setShowError(result.error.message);
              });
            }}
          >
            Show me a code to send
          </Button>
        )}
        {showError ? <FormError message={showError} /> : null}
      </div>
    </div>
  );
}

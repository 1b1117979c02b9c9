"use client";

import { MailWarning } from "lucide-react";
import { useState } from "react";
import { callApi } from "@/components/forms/api";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/** Shown in the signed-in shell until the address is confirmed; the link can be sent again from here. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const [state, setState] = useState<{ kind: "idle" | "sending" | "sent" } | { kind: "error"; message: string }>({ kind: "idle" });

  async function resend() {
    setState({ kind: "sending" });
    const result = await callApi("/api/account/resend-verification", { method: "POST" });
    setState(result.ok ? { kind: "sent" } : { kind: "error", message: result.error.message });
  }

  return (
    <div className="border-b border-amber-300 bg-amber-50 text-amber-950">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-3 text-sm sm:flex-row sm:items-center sm:px-6">
        <MailWarning aria-hidden className="hidden size-5 shrink-0 sm:block" />
        <p className="flex-1">
          <strong className="font-semibold">Confirm your email before your first enquiry.</strong>{" "}
          We sent a link to <span className="break-all font-medium">{email}</span>.
        </p>
        <div className="flex flex-col gap-1 sm:items-end" aria-live="polite">
          {state.kind === "sent" ? (
            <p className="font-medium">A new link is on its way. Check your inbox.</p>
          ) : (
            <Button type="button" size="sm" variant="outline" className="border-amber-400 bg-white hover:bg-amber-100" disabled={state.kind === "sending"} onClick={() => void resend()}>
              {state.kind === "sending" ? <Spinner /> : null}
              {state.kind === "sending" ? "Sending…" : "Resend the link"}
            </Button>
          )}
          {state.kind === "error" ? <p role="alert" className="text-red-800">{state.message}</p> : null}
        </div>
      </div>
    </div>
  );
}

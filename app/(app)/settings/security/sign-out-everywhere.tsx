"use client";

import { signOutTo } from "@/components/auth/sign-out";
import { callApi } from "@/components/forms/api";
import { ConfirmAction } from "@/components/ui/confirm-action";

export function SignOutEverywhere() {
  return (
    <ConfirmAction
      label="Sign out everywhere"
      question="Sign out on every device and browser, including this one?"
      confirmLabel="Sign out everywhere"
      pendingLabel="Signing out…"
      onConfirm={async () => {
        const result = await callApi("/api/account/sessions/revoke", { method: "POST" });
        if (!result.ok) return result.error.message;
        await signOutTo("/sign-in?notice=signed-out-everywhere");
        return undefined;
      }}
    />
  );
}

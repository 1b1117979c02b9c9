"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/forms/api";
import { FormError } from "@/components/forms/fields";
import { ConfirmAction } from "@/components/ui/confirm-action";

export function NotificationsToggle({ initial }: { initial: boolean }) {
  const [enabled, setEnabled] = useState(initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return (
    <div className="flex flex-col gap-1">
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          name="notifyWebEnquiries"
          className="mt-0.5 size-4"
          checked={enabled}
          disabled={pending}
          onChange={(event) => {
            const next = event.currentTarget.checked;
            setPending(true);
            void callApi("/api/account/whatsapp", { method: "PATCH", body: { notifyWebEnquiries: next } }).then((result) => {
              setPending(false);
              if (result.ok) {
                setEnabled(next);
                setError(undefined);
              } else setError(result.error.message);
            });
          }}
        />
        <span>
          Also send results of checks I start in the portal to WhatsApp
          <span className="block text-muted-foreground">Checks started on WhatsApp always answer there.</span>
        </span>
      </label>
      <FormError message={error} />
    </div>
  );
}

export function UnlinkNumber() {
  const router = useRouter();
  return (
    <div>
      <ConfirmAction
        label="Unlink number"
        question="Unlink this number? WhatsApp will no longer reach your account until you link a number again."
        confirmLabel="Unlink"
        pendingLabel="Unlinking…"
        onConfirm={async () => {
          const result = await callApi("/api/account/whatsapp", { method: "DELETE" });
          if (!result.ok) return result.error.message;
          router.refresh();
          return undefined;
        }}
      />
    </div>
  );
}

"use client";

import { Monitor } from "lucide-react";
import { useRouter } from "next/navigation";
import { callApi } from "@/components/forms/api";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import type { SessionSummary } from "@/lib/sessions/list-own-sessions";

/** The browsers signed in to this account; any but this one can be signed out from here. */
export function SessionList({ sessions }: { sessions: SessionSummary[] }) {
  const router = useRouter();
  if (sessions.length === 0) return <p className="text-sm text-muted-foreground">No other sessions.</p>;
  return (
    <ul className="flex flex-col divide-y divide-border rounded-lg border border-border" data-testid="session-list">
      {sessions.map((session) => (
        <li key={session.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="flex items-start gap-3">
            <Monitor aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
            <div className="flex flex-col">
              <span className="font-medium">
                {session.device} {session.current ? <Badge variant="success">This device</Badge> : null}
              </span>
              <span className="text-xs text-muted-foreground">
                Signed in {formatDateTime(session.createdAt)} · last active {formatDateTime(session.lastSeenAt)}
              </span>
            </div>
          </div>
          {session.current ? null : (
            <ConfirmAction
              label="Sign out"
              question={`Sign out ${session.device}? It has to sign in again to use TenantLens.`}
              confirmLabel="Sign it out"
              pendingLabel="Signing out…"
              onConfirm={async () => {
                const result = await callApi(`/api/account/sessions/${encodeURIComponent(session.id)}`, { method: "DELETE" });
                if (!result.ok) return result.error.message;
                router.refresh();
                return undefined;
              }}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

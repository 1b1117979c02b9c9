"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { callApi } from "@/components/forms/api";
import { formatDateTime, roleLabel } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UserRole } from "@/db/schema";

export interface PendingInvitation {
  id: string;
  email: string;
  role: UserRole;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  status: "pending" | "expired";
}

const invitationUrl = (id: string) => `/api/organisation/invitations/${encodeURIComponent(id)}`;

/**
 * Resend goes at once (the old link is replaced, nothing is lost) and says so below the buttons; Revoke
 * asks first. Both show the API's own error message.
 */
function InvitationActions({ invitation }: { invitation: PendingInvitation }) {
  const router = useRouter();
  const id = useId();
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "done"; text: string } | undefined>();

  async function resend() {
    setSending(true);
    setMessage(undefined);
    const result = await callApi(`${invitationUrl(invitation.id)}/resend`, { method: "POST" });
    setSending(false);
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message });
      return;
    }
    setMessage({ kind: "done", text: "Sent again. The earlier link no longer works." });
    router.refresh();
  }

  return (
    <div className="flex w-full flex-col gap-1 md:min-w-44 md:items-end">
      <div className="flex flex-wrap items-start gap-2 md:justify-end">
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={sending}
          aria-busy={sending || undefined}
          aria-describedby={message ? `${id}-message` : undefined}
          onClick={() => void resend()}
        >
          {sending ? <Spinner /> : null}
          {sending ? "Sending…" : "Resend"}
        </Button>
        <ConfirmAction
          label="Revoke"
          question={`Revoke the invitation to ${invitation.email}? The link in their email stops working at once.`}
          confirmLabel="Revoke invitation"
          pendingLabel="Revoking…"
          disabled={sending}
          onConfirm={async () => {
            const result = await callApi(invitationUrl(invitation.id), { method: "DELETE" });
            if (!result.ok) return result.error.message;
            router.refresh();
            return undefined;
          }}
        />
      </div>
      <p id={`${id}-message`} role={message?.kind === "error" ? "alert" : "status"} className={message?.kind === "error" ? "text-xs text-red-700 md:text-right" : "text-xs text-emerald-700 md:text-right"}>
        {message?.text}
      </p>
    </div>
  );
}

export function Invitations({ invitations }: { invitations: PendingInvitation[] }) {
  if (invitations.length === 0) return <p className="text-sm text-muted-foreground">No invitations are waiting to be accepted.</p>;
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeader>Email</TableHeader>
          <TableHeader>Role</TableHeader>
          <TableHeader>Invited</TableHeader>
          <TableHeader>Link expires</TableHeader>
          <TableHeader>
            <span className="sr-only">Actions</span>
          </TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {invitations.map((invitation) => {
          const expired = invitation.status === "expired";
          return (
            <TableRow key={invitation.id}>
              <TableCell className="block md:table-cell">
                <span className="flex flex-wrap items-center gap-2 break-all font-medium">
                  {invitation.email}
                  {expired ? <Badge variant="warning">Expired</Badge> : null}
                </span>
              </TableCell>
              <TableCell label="Role">{roleLabel(invitation.role)}</TableCell>
              <TableCell label="Invited">
                <span className="text-right md:text-left">
                  {formatDateTime(invitation.createdAt)}
                  <span className="block text-xs text-muted-foreground">by {invitation.invitedBy}</span>
                </span>
              </TableCell>
              <TableCell label={expired ? "Link expired" : "Link expires"}>{formatDateTime(invitation.expiresAt)}</TableCell>
              <TableCell className="pt-2 md:pt-3">
                <InvitationActions invitation={invitation} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { callApi } from "@/components/forms/api";
import { formatDateTime, roleLabel } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UserRole } from "@/db/schema";

export interface Member {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
}

type MemberRole = "landlord" | "property_manager";

function RoleSelect({ member }: { member: Member & { role: MemberRole } }) {
  const router = useRouter();
  const id = useId();
  const [role, setRole] = useState<MemberRole>(member.role);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "done"; text: string } | undefined>();

  async function change(next: MemberRole) {
    const previous = role;
    setRole(next);
    setPending(true);
    setMessage(undefined);
    const result = await callApi(`/api/organisation/members/${encodeURIComponent(member.id)}`, { method: "PATCH", body: { role: next } });
    setPending(false);
    if (!result.ok) {
      setRole(previous);
      setMessage({ kind: "error", text: result.error.message });
      return;
    }
    setMessage({ kind: "done", text: `Now ${roleLabel(next)}; they were signed out.` });
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-1 md:items-start">
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Role of {member.name}
        </label>
        <Select
          id={id}
          value={role}
          disabled={pending}
          aria-invalid={message?.kind === "error" ? true : undefined}
          aria-describedby={message ? `${id}-message` : undefined}
          onChange={(event) => {
            const next = event.target.value;
            if (next === "landlord" || next === "property_manager") void change(next);
          }}
          className="h-9 w-auto min-w-44 sm:h-9"
        >
          <option value="landlord">Landlord</option>
          <option value="property_manager">Property manager</option>
        </Select>
        {pending ? <Spinner /> : null}
      </div>
      <p id={`${id}-message`} role={message?.kind === "error" ? "alert" : "status"} className={message?.kind === "error" ? "text-xs text-red-700" : "text-xs text-emerald-700"}>
        {message?.text}
      </p>
    </div>
  );
}

function isMemberRole(role: UserRole): role is MemberRole {
  return role === "landlord" || role === "property_manager";
}

export function MembersTable({ members, canManage, currentUserId }: { members: Member[]; canManage: boolean; currentUserId: string }) {
  const router = useRouter();
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeader>Name</TableHeader>
          <TableHeader>Role</TableHeader>
          <TableHeader>Last signed in</TableHeader>
          {canManage ? (
            <TableHeader>
              <span className="sr-only">Actions</span>
            </TableHeader>
          ) : null}
        </tr>
      </TableHead>
      <TableBody>
        {members.map((member) => {
          const self = member.id === currentUserId;
          const removed = member.disabledAt !== null;
          const manageable = canManage && !self && !removed;
          return (
            <TableRow key={member.id} className={removed ? "opacity-70" : undefined}>
              <TableCell className="block md:table-cell">
                <div className="md:min-w-60">
                  <span className="flex flex-wrap items-center gap-2 font-medium">
                    {member.name}
                    {self ? <Badge variant="muted">You</Badge> : null}
                    {removed ? <Badge variant="danger">Removed</Badge> : null}
                  </span>
                  <span className="block break-all text-xs text-muted-foreground">{member.email}</span>
                </div>
              </TableCell>
              <TableCell label="Role">{manageable && isMemberRole(member.role) ? <RoleSelect member={{ ...member, role: member.role }} /> : roleLabel(member.role)}</TableCell>
              <TableCell label="Last signed in">{formatDateTime(member.lastLoginAt, "Never")}</TableCell>
              {canManage ? (
                <TableCell className="pt-2 md:pt-3 md:text-right">
                  {manageable ? (
                    <ConfirmAction
                      label="Remove"
                      question={`Remove ${member.name} from the agency? They are signed out at once and can no longer sign in; their enquiries stay with the agency.`}
                      confirmLabel="Remove member"
                      pendingLabel="Removing…"
                      onConfirm={async () => {
                        const result = await callApi(`/api/organisation/members/${encodeURIComponent(member.id)}`, { method: "DELETE" });
                        if (!result.ok) return result.error.message;
                        router.refresh();
                        return undefined;
                      }}
                    />
                  ) : null}
                </TableCell>
              ) : null}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

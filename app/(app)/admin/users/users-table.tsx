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

export interface AdminUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  organisationName: string;
  disabledAt: Date | null;
  mfaEnabled: boolean;
  lastLoginAt: Date | null;
}

/** Staff stay staff and customers stay customers: moving between the two is not a role change. */
const ROLE_CHOICES: Record<UserRole, UserRole[]> = {
  landlord: ["landlord", "property_manager"],
  property_manager: ["landlord", "property_manager"],
  support_agent: ["support_agent", "admin"],
  admin: ["support_agent", "admin"],
};

function isRole(value: string): value is UserRole {
  return value === "landlord" || value === "property_manager" || value === "support_agent" || value === "admin";
}

function userUrl(id: string, suffix = "") {
  return `/api/admin/users/${encodeURIComponent(id)}${suffix}`;
}

function RoleSelect({ user }: { user: AdminUser }) {
  const router = useRouter();
  const id = useId();
  const [role, setRole] = useState<UserRole>(user.role);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "done"; text: string } | undefined>();

  async function change(next: UserRole) {
    const previous = role;
    setRole(next);
    setPending(true);
    setMessage(undefined);
    const result = await callApi(userUrl(user.id), { method: "PATCH", body: { role: next } });
    setPending(false);
    if (!result.ok) {
      setRole(previous);
      setMessage({ kind: "error", text: result.error.message });
      return;
    }
    setMessage({ kind: "done", text: `Now ${roleLabel(next)}; signed out.` });
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Role of {user.name}
        </label>
        <Select
          id={id}
          value={role}
          disabled={pending}
          aria-invalid={message?.kind === "error" ? true : undefined}
          aria-describedby={message ? `${id}-message` : undefined}
          onChange={(event) => {
            if (isRole(event.target.value)) void change(event.target.value);
          }}
          className="h-9 w-auto min-w-40 sm:h-9"
        >
          {ROLE_CHOICES[user.role].map((choice) => (
            <option key={choice} value={choice}>
              {roleLabel(choice)}
            </option>
          ))}
        </Select>
        {pending ? <Spinner /> : null}
      </div>
      <p id={`${id}-message`} role={message?.kind === "error" ? "alert" : "status"} className={message?.kind === "error" ? "text-xs text-red-700" : "text-xs text-emerald-700"}>
        {message?.text}
      </p>
    </div>
  );
}

export function UsersTable({ users, currentUserId }: { users: AdminUser[]; currentUserId: string }) {
  const router = useRouter();

  async function act(url: string, init: { method: "PATCH" | "POST"; body?: unknown }) {
    const result = await callApi(url, init);
    if (!result.ok) return result.error.message;
    router.refresh();
    return undefined;
  }

  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeader>User</TableHeader>
          <TableHeader>Organisation</TableHeader>
          <TableHeader>Role</TableHeader>
          <TableHeader>Status</TableHeader>
          <TableHeader>Last signed in</TableHeader>
          <TableHeader>
            <span className="sr-only">Actions</span>
          </TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {users.map((user) => {
          const self = user.id === currentUserId;
          const disabled = user.disabledAt !== null;
          return (
            <TableRow key={user.id}>
              <TableCell className="block md:table-cell">
                <div className="md:min-w-60">
                  <span className="flex flex-wrap items-center gap-2 font-medium">
                    {user.name}
                    {self ? <Badge variant="muted">You</Badge> : null}
                  </span>
                  <span className="block break-all text-xs text-muted-foreground">{user.email}</span>
                </div>
              </TableCell>
              <TableCell label="Organisation" className="break-words">
                {user.organisationName}
              </TableCell>
              <TableCell label="Role">{self ? roleLabel(user.role) : <RoleSelect key={user.role} user={user} />}</TableCell>
              <TableCell label="Status">
                <span className="flex flex-wrap gap-1">
                  {disabled ? <Badge variant="danger">Disabled</Badge> : <Badge variant="success">Active</Badge>}
                  {user.mfaEnabled ? <Badge variant="muted">2FA on</Badge> : <Badge variant="warning">2FA off</Badge>}
                </span>
              </TableCell>
              <TableCell label="Last signed in">{formatDateTime(user.lastLoginAt, "Never")}</TableCell>
              <TableCell className="pt-2 md:pt-3">
                {self ? (
                  <span className="text-xs text-muted-foreground">Ask another admin to change your account.</span>
                ) : (
                  <div className="flex flex-wrap gap-2 md:flex-col md:items-end">
                    {disabled ? (
                      <ConfirmAction
                        label="Enable"
                        variant="outline"
                        confirmVariant="default"
                        question={`Let ${user.name} sign in again?`}
                        confirmLabel="Enable user"
                        pendingLabel="Enabling…"
                        onConfirm={() => act(userUrl(user.id), { method: "PATCH", body: { disabled: false } })}
                      />
                    ) : (
                      <ConfirmAction
                        label="Disable"
                        question={`Disable ${user.name}? They are signed out at once and cannot sign in until enabled.`}
                        confirmLabel="Disable user"
                        pendingLabel="Disabling…"
                        onConfirm={() => act(userUrl(user.id), { method: "PATCH", body: { disabled: true } })}
                      />
                    )}
                    {disabled ? null : (
                      <ConfirmAction
                        label="Sign out everywhere"
                        variant="outline"
                        question={`End every session of ${user.name}? They can sign in again straight away.`}
                        confirmLabel="End sessions"
                        pendingLabel="Ending…"
                        onConfirm={() => act(userUrl(user.id, "/revoke-sessions"), { method: "POST" })}
                      />
                    )}
                  </div>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

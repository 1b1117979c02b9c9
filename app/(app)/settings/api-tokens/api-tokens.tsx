"use client";

import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/forms/api";
import { FormError, SelectField, TextField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";
import { formatDate, formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { CopyButton } from "@/components/ui/copy-button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  /** Decided by the server at render time. */
  expired: boolean;
}

interface CreatedToken {
  id: string;
  name: string;
  token: string;
}

const EXPIRY_OPTIONS = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "", label: "Never" },
];

export function ApiTokens({ tokens }: { tokens: TokenSummary[] }) {
  const router = useRouter();
  const form = useApiForm(["name", "expiresInDays"] as const);
  const [created, setCreated] = useState<CreatedToken | undefined>();

  return (
    <div className="flex flex-col gap-8">
      {created ? (
        <div className="flex flex-col gap-3 rounded-lg border border-border bg-muted/50 p-4">
          <Alert variant="warning" role={undefined} title={`Copy your new token "${created.name}" now`}>
            This is the only time it is shown. Store it in your system&apos;s secret settings; anyone who has it can act as you.
          </Alert>
          <code data-testid="new-api-token" className="block break-all rounded-md border border-border bg-background px-3 py-2 font-mono text-sm">
            {created.token}
          </code>
          <div className="flex flex-wrap gap-2">
            <CopyButton value={created.token} label="Copy token" />
            <Button type="button" size="sm" variant="ghost" onClick={() => setCreated(undefined)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}

      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit(async (data, element) => {
          const days = formText(data, "expiresInDays");
          const result = await form.send<CreatedToken>("/api/account/tokens", {
            body: { name: formText(data, "name"), ...(days ? { expiresInDays: Number(days) } : {}) },
          });
          if (result.ok) {
            setCreated(result.data);
            element.reset();
            router.refresh();
          }
        })}
      >
        <h3 className="text-base font-semibold">Create a token</h3>
        <FormError message={form.formError} />
        <fieldset disabled={form.pending} className="grid gap-4 sm:grid-cols-[1fr_12rem]">
          <TextField label="Name" name="name" placeholder="e.g. Property system sync" maxLength={80} required hint="What will use it." error={form.fieldError("name")} />
          <SelectField label="Expires after" name="expiresInDays" defaultValue="90" error={form.fieldError("expiresInDays")}>
            {EXPIRY_OPTIONS.map((option) => (
              <option key={option.label} value={option.value}>
                {option.label}
              </option>
            ))}
          </SelectField>
        </fieldset>
        <div>
          <SubmitButton pending={form.pending} pendingLabel="Creating…" className="w-full sm:w-auto">
            <KeyRound aria-hidden className="size-4" />
            Create token
          </SubmitButton>
        </div>
      </form>

      <div className="flex flex-col gap-3">
        <h3 className="text-base font-semibold">Your tokens</h3>
        {tokens.length === 0 ? (
          <p className="text-sm text-muted-foreground">You have no active tokens.</p>
        ) : (
          <Table>
            <TableHead>
              <tr>
                <TableHeader>Name</TableHeader>
                <TableHeader>Starts with</TableHeader>
                <TableHeader>Created</TableHeader>
                <TableHeader>Last used</TableHeader>
                <TableHeader>Expires</TableHeader>
                <TableHeader>
                  <span className="sr-only">Actions</span>
                </TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {tokens.map((token) => {
                return (
                  <TableRow key={token.id}>
                    <TableCell className="font-medium">{token.name}</TableCell>
                    <TableCell label="Starts with">
                      <code className="font-mono text-xs">{token.prefix}…</code>
                    </TableCell>
                    <TableCell label="Created">{formatDate(token.createdAt)}</TableCell>
                    <TableCell label="Last used">{formatDateTime(token.lastUsedAt, "Never")}</TableCell>
                    <TableCell label="Expires">
                      {token.expired ? <Badge variant="danger">Expired</Badge> : formatDate(token.expiresAt, "Never")}
                    </TableCell>
                    <TableCell className="pt-2 md:pt-3 md:text-right">
                      <ConfirmAction
                        label="Revoke"
                        question={`Revoke "${token.name}"? Anything using it stops working at once.`}
                        confirmLabel="Revoke token"
                        pendingLabel="Revoking…"
                        onConfirm={async () => {
                          const result = await callApi(`/api/account/tokens/${encodeURIComponent(token.id)}`, { method: "DELETE" });
                          if (!result.ok) return result.error.message;
                          router.refresh();
                          return undefined;
                        }}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </div>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { callApi } from "@/components/forms/api";
import { formatDate } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export interface AdminOrganisation {
  id: string;
  name: string;
  kind: "individual" | "agency" | "internal";
  disabledAt: Date | null;
  createdAt: Date;
  members: number;
}

const KIND_LABELS: Record<AdminOrganisation["kind"], string> = { individual: "Landlord", agency: "Letting agency", internal: "TenantLens staff" };

export function OrganisationsTable({ organisations, ownOrganisationId }: { organisations: AdminOrganisation[]; ownOrganisationId: string }) {
  const router = useRouter();

  async function setDisabled(id: string, disabled: boolean) {
    const result = await callApi(`/api/admin/organisations/${encodeURIComponent(id)}`, { method: "PATCH", body: { disabled } });
    if (!result.ok) return result.error.message;
    router.refresh();
    return undefined;
  }

  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeader>Organisation</TableHeader>
          <TableHeader>Type</TableHeader>
          <TableHeader>Members</TableHeader>
          <TableHeader>Created</TableHeader>
          <TableHeader>Status</TableHeader>
          <TableHeader>
            <span className="sr-only">Actions</span>
          </TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {organisations.map((organisation) => {
          const disabled = organisation.disabledAt !== null;
          const own = organisation.id === ownOrganisationId;
          return (
            <TableRow key={organisation.id}>
              <TableCell className="break-words font-medium">{organisation.name}</TableCell>
              <TableCell label="Type">{KIND_LABELS[organisation.kind]}</TableCell>
              <TableCell label="Members">{organisation.members}</TableCell>
              <TableCell label="Created">{formatDate(organisation.createdAt)}</TableCell>
              <TableCell label="Status">{disabled ? <Badge variant="danger">Disabled</Badge> : <Badge variant="success">Active</Badge>}</TableCell>
              <TableCell className="pt-2 md:pt-3 md:text-right">
                {own ? (
                  <span className="text-xs text-muted-foreground">Your organisation</span>
                ) : disabled ? (
                  <ConfirmAction
                    label="Enable"
                    variant="outline"
                    confirmVariant="default"
                    question={`Let the members of ${organisation.name} sign in again?`}
                    confirmLabel="Enable organisation"
                    pendingLabel="Enabling…"
                    onConfirm={() => setDisabled(organisation.id, false)}
                  />
                ) : (
                  <ConfirmAction
                    label="Disable"
                    question={`Disable ${organisation.name}? All ${organisation.members} of its members are refused on their next request.`}
                    confirmLabel="Disable organisation"
                    pendingLabel="Disabling…"
                    onConfirm={() => setDisabled(organisation.id, true)}
                  />
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

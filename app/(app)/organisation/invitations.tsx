import { formatDateTime, roleLabel } from "@/components/format";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UserRole } from "@/db/schema";

export interface PendingInvitation {
  id: string;
  email: string;
  role: UserRole;
  expiresAt: Date;
}

export function Invitations({ invitations }: { invitations: PendingInvitation[] }) {
  if (invitations.length === 0) return <p className="text-sm text-muted-foreground">No invitations are waiting to be accepted.</p>;
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeader>Email</TableHeader>
          <TableHeader>Role</TableHeader>
          <TableHeader>Link expires</TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {invitations.map((invitation) => (
          <TableRow key={invitation.id}>
            <TableCell className="break-all font-medium">{invitation.email}</TableCell>
            <TableCell label="Role">{roleLabel(invitation.role)}</TableCell>
            <TableCell label="Link expires">{formatDateTime(invitation.expiresAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

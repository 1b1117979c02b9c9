import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations } from "@/db/schema";
import { ConflictError, ForbiddenError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { lockInvitationOfActorsOrganisation } from "./invitations";

/**
 * The emailed link stops working at once. Revoking an invitation that is already revoked succeeds and
 * changes nothing (idempotent, no second audit event); an accepted one is a member now: 409.
 */
export async function revokeInvitation(db: Database, actor: Actor, context: AuditContext, invitationId: string) {
  if (!can(actor, "org:manage-members")) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    const invitation = await lockInvitationOfActorsOrganisation(tx, actor, invitationId);
    if (invitation.acceptedAt) throw new ConflictError("This invitation was already accepted. Remove the member instead.", { code: "INVITATION_ACCEPTED" });
    if (invitation.revokedAt) return;
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, invitation.id), eq(invitations.organisationId, actor.organisationId)));
    await recordAuditEvent(tx, context, {
      action: "org.revoke-invitation",
      resourceType: "invitation",
      resourceId: invitation.id,
      metadata: { expired: invitation.expiresAt.getTime() <= Date.now() },
    });
  });
}

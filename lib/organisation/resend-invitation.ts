import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, organisations, users } from "@/db/schema";
import { ConflictError, ForbiddenError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { generateSecretToken, hashSecretToken } from "@/lib/auth/secret-tokens";
import { invitationExpiresAt, lockInvitationOfActorsOrganisation, sendInvitationEmail } from "./invitations";

/**
 * Mails a new link valid for 7 days (expired invitations included) in the name of the Property Manager
 * resending it. The new token replaces the old one, so the earlier link stops working. As when inviting,
 * the change commits before the mail goes out: if sending fails (503) the old link is already dead and
 * resending again is the remedy.
 */
export async function resendInvitation(db: Database, actor: Actor, context: AuditContext, invitationId: string) {
  if (!can(actor, "org:manage-members")) throw new ForbiddenError();
  const token = generateSecretToken();
  const tokenHash = await hashSecretToken(token);
  const sent = await db.transaction(async (tx) => {
    const invitation = await lockInvitationOfActorsOrganisation(tx, actor, invitationId);
    if (invitation.acceptedAt) throw new ConflictError("This invitation was already accepted.", { code: "INVITATION_ACCEPTED" });
    if (invitation.revokedAt) throw new ConflictError("This invitation was revoked. Send a new invitation instead.", { code: "INVITATION_REVOKED" });
    const [organisation] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId));
    const [sender] = await tx.select({ name: users.name }).from(users).where(and(eq(users.id, actor.userId), eq(users.organisationId, actor.organisationId)));
    if (!organisation || !sender) throw new Error("the actor's organisation or user row is missing");
    const expiresAt = invitationExpiresAt();
    await tx
      .update(invitations)
      .set({ tokenHash, expiresAt })
      .where(and(eq(invitations.id, invitation.id), eq(invitations.organisationId, actor.organisationId)));
    await recordAuditEvent(tx, context, {
      action: "org.resend-invitation",
      resourceType: "invitation",
      resourceId: invitation.id,
      metadata: { wasExpired: invitation.expiresAt.getTime() <= Date.now() },
    });
    return { email: invitation.email, organisationName: organisation.name, senderName: sender.name, expiresAt };
  });
  await sendInvitationEmail(sent.email, sent.organisationName, sent.senderName, token);
  return { id: invitationId, expiresAt: sent.expiresAt };
}

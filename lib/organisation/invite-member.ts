import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { invitations, organisations, users } from "@/db/schema";
import { ForbiddenError } from "@/lib/api/errors";
import { emailField } from "@/lib/accounts/email-address";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { generateSecretToken, hashSecretToken } from "@/lib/auth/secret-tokens";
import { invitationExpiresAt, sendInvitationEmail } from "./invitations";

export const MEMBER_ROLES = ["landlord", "property_manager"] as const;
export const inviteSchema = z.object({ email: emailField, role: z.enum(MEMBER_ROLES, { message: 'Choose "landlord" or "property_manager".' }) });

export async function inviteMember(db: Database, actor: Actor, context: AuditContext, input: z.infer<typeof inviteSchema>) {
  if (!can(actor, "org:manage-members")) throw new ForbiddenError();
  const token = generateSecretToken();
  const { organisationName, inviterName, invitationId } = await db.transaction(async (tx) => {
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, actor.organisationId));
    const [inviter] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
    if (!organisation || organisation.kind !== "agency" || !inviter) throw new ForbiddenError("Only agencies have members to invite.");
    const [invitation] = await tx
      .insert(invitations)
      .values({
        organisationId: actor.organisationId,
        email: input.email,
        role: input.role,
        tokenHash: await hashSecretToken(token),
        invitedBy: actor.userId,
        expiresAt: invitationExpiresAt(),
      })
      .returning({ id: invitations.id });
    if (!invitation) throw new Error("invitation insert returned no row");
    await recordAuditEvent(tx, context, { action: "org.invite-member", resourceType: "invitation", resourceId: invitation.id, metadata: { role: input.role } });
    return { organisationName: organisation.name, inviterName: inviter.name, invitationId: invitation.id };
  });
  await sendInvitationEmail(input.email, organisationName, inviterName, token);
  return { id: invitationId };
}

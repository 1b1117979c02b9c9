import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { invitations } from "@/db/schema";
import { NotFoundError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/permissions";
import { sendEmail } from "@/lib/email/send-email";
import { invitationMessage } from "@/lib/email/templates";
import { env } from "@/lib/env";

// What inviting, resending and revoking an invitation share.

/** How long an invitation link works. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export function invitationExpiresAt(now = Date.now()): Date {
  return new Date(now + INVITATION_LIFETIME_MS);
}

/** Mails the /accept-invitation link; a send failure is a ServiceUnavailableError (503), see sendEmail. */
export async function sendInvitationEmail(to: string, organisationName: string, inviterName: string, token: string): Promise<void> {
  const link = new URL("/accept-invitation", env.APP_URL);
  link.searchParams.set("token", token);
  await sendEmail(invitationMessage(to, organisationName, inviterName, link.toString()));
}

/**
 * An invitation of the actor's own organisation, locked for the rest of the transaction so a revoke,
 * a resend and an acceptance of the same invitation happen one after the other. Any other id: 404.
 */
export async function lockInvitationOfActorsOrganisation(tx: Transaction, actor: Actor, invitationId: string) {
  const [invitation] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.organisationId, actor.organisationId)))
    .for("update");
  if (!invitation) throw new NotFoundError("Invitation");
  return invitation;
}

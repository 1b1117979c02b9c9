import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { invitations, users } from "@/db/schema";
import { BadRequestError, ConflictError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { assertAcceptablePassword, hashPassword } from "@/lib/auth/password";
import { hashSecretToken } from "@/lib/auth/secret-tokens";

export const acceptInvitationSchema = z.object({
  token: z.string().min(1, "The invitation link is incomplete."),
  name: z.string().trim().min(1, "Enter your name.").max(120, "Use at most 120 characters."),
  password: z.string(),
});

function invalidToken() {
  return new BadRequestError("This invitation is invalid, used or expired. Ask for a new one.", { code: "INVALID_TOKEN", field: "token" });
}

/** Creates the member's account from the invitation; the invitation link also proves the email address. */
export async function acceptInvitation(db: Database, context: AuditContext, input: z.infer<typeof acceptInvitationSchema>) {
  const [invitation] = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, await hashSecretToken(input.token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  if (!invitation) throw invalidToken();
  assertAcceptablePassword(input.password, [input.name, invitation.email]);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      // Claim it first, re-checked under the row lock: a revoke or resend that committed meanwhile wins.
      const [claimed] = await tx
        .update(invitations)
        .set({ acceptedAt: new Date() })
        .where(
          and(
            eq(invitations.id, invitation.id),
            eq(invitations.tokenHash, invitation.tokenHash),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, new Date()),
          ),
        )
        .returning({ id: invitations.id });
      if (!claimed) throw invalidToken();
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, invitation.email));
      if (existing) throw new ConflictError("This email already has a TenantLens account. Ask support to move it to the agency.", { code: "EMAIL_IN_USE" });
      const [user] = await tx
        .insert(users)
        .values({ organisationId: invitation.organisationId, role: invitation.role, name: input.name, email: invitation.email, passwordHash, emailVerifiedAt: new Date() })
        .returning({ id: users.id });
      if (!user) throw new Error("user insert returned no row");
      await recordAuditEvent(tx, { ...context, actorType: "user", actorId: user.id, organisationId: invitation.organisationId }, {
        action: "org.accept-invitation",
        resourceType: "invitation",
        resourceId: invitation.id,
      });
      return { userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("This email already has a TenantLens account.", { code: "EMAIL_IN_USE" });
    throw error;
  }
}

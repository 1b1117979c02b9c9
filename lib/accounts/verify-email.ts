import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { BadRequestError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { consumeEmailLink } from "./email-links";

export async function verifyEmail(db: Database, context: AuditContext, token: string): Promise<void> {
  await db.transaction(async (tx) => {
    const userId = await consumeEmailLink(tx, token, "verify-email");
    if (!userId) {
      throw new BadRequestError("This confirmation link is invalid, used or expired. Sign in to get a new one.", { code: "INVALID_TOKEN", field: "token" });
    }
    const [user] = await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, userId)).returning({ organisationId: users.organisationId });
    await recordAuditEvent(tx, { ...context, actorType: "user", actorId: userId, organisationId: user?.organisationId }, {
      action: "account.verify-email",
      resourceType: "user",
      resourceId: userId,
    });
  });
}

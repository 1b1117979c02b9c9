import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { users, type UserRow } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/api/errors";
import { verifyPassword } from "@/lib/auth/password";
import { assertRateLimit } from "@/lib/rate-limit/assert-rate-limit";

export async function loadUser(db: DbExecutor, userId: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new NotFoundError("User");
  return user;
}

/**
 * Re-authentication before sensitive changes (email, password, MFA, WhatsApp PIN): the current password
 * must match. Counted per account, so a stolen session cannot be used to guess the password.
 */
export async function assertCurrentPassword(user: UserRow, password: string, field = "currentPassword"): Promise<void> {
  await assertRateLimit("account:reauthenticate", user.id);
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new ValidationError(field, "Your current password is not correct.", "REAUTHENTICATION_FAILED");
  }
}

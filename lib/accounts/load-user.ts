import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { users, type UserRow } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/api/errors";
import { verifyPassword } from "@/lib/auth/password";

export async function loadUser(db: DbExecutor, userId: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new NotFoundError("User");
  return user;
}

/** Re-authentication before sensitive changes (password, MFA): the current password must match. */
export async function assertCurrentPassword(user: UserRow, password: string, field = "currentPassword"): Promise<void> {
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new ValidationError(field, "Your current password is not correct.", "REAUTHENTICATION_FAILED");
  }
}

import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { emailTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { generateSecretToken, hashSecretToken } from "@/lib/auth/secret-tokens";

type Purpose = "verify-email" | "reset-password";

const LIFETIME_MS: Record<Purpose, number> = {
  "verify-email": 24 * 60 * 60 * 1000,
  "reset-password": 30 * 60 * 1000,
};

const PAGE: Record<Purpose, string> = { "verify-email": "/verify-email", "reset-password": "/reset-password" };

/** Issues a single-use link; earlier unused links of the same purpose stop working. */
export async function issueEmailLink(executor: DbExecutor, userId: string, purpose: Purpose): Promise<string> {
  const token = generateSecretToken();
  const now = new Date();
  await executor
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
  await executor.insert(emailTokens).values({
    userId,
    purpose,
    tokenHash: await hashSecretToken(token),
    expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
  });
  const url = new URL(PAGE[purpose], env.APP_URL);
  url.searchParams.set("token", token);
  return url.toString();
}

/** Marks the link used and returns its user, or undefined when it is unknown, used or expired. */
export async function consumeEmailLink(executor: DbExecutor, token: string, purpose: Purpose): Promise<string | undefined> {
  const [row] = await executor
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(emailTokens.tokenHash, await hashSecretToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: emailTokens.userId });
  return row?.userId;
}

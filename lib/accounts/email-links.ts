import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { emailTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { generateSecretToken, hashSecretToken } from "@/lib/auth/secret-tokens";

type Purpose = "verify-email" | "reset-password" | "change-email";

const LIFETIME_MS: Record<Purpose, number> = {
  "verify-email": 24 * 60 * 60 * 1000,
  "reset-password": 30 * 60 * 1000,
  "change-email": 24 * 60 * 60 * 1000,
};

const PAGE: Record<Purpose, string> = {
  "verify-email": "/verify-email",
  "reset-password": "/reset-password",
  "change-email": "/confirm-email-change",
};

/** Every unused link of this purpose for the user stops working. */
export async function invalidateEmailLinks(executor: DbExecutor, userId: string, purpose: Purpose): Promise<void> {
  await executor
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
}

/**
 * Issues a single-use link; earlier unused links of the same purpose stop working. A "change-email"
 * link carries the address it is sent to, which becomes the account's email when it is confirmed.
 */
export async function issueEmailLink(executor: DbExecutor, userId: string, purpose: "verify-email" | "reset-password"): Promise<string>;
export async function issueEmailLink(executor: DbExecutor, userId: string, purpose: "change-email", newEmail: string): Promise<string>;
export async function issueEmailLink(executor: DbExecutor, userId: string, purpose: Purpose, newEmail?: string): Promise<string> {
  const token = generateSecretToken();
  const now = new Date();
  await invalidateEmailLinks(executor, userId, purpose);
  await executor.insert(emailTokens).values({
    userId,
    purpose,
    tokenHash: await hashSecretToken(token),
    newEmail: purpose === "change-email" ? newEmail : null,
    expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
  });
  const url = new URL(PAGE[purpose], env.APP_URL);
  url.searchParams.set("token", token);
  return url.toString();
}

async function consume(executor: DbExecutor, token: string, purpose: Purpose) {
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
    .returning({ userId: emailTokens.userId, newEmail: emailTokens.newEmail });
  return row;
}

/** Marks the link used and returns its user, or undefined when it is unknown, used or expired. */
export async function consumeEmailLink(executor: DbExecutor, token: string, purpose: "verify-email" | "reset-password"): Promise<string | undefined> {
  return (await consume(executor, token, purpose))?.userId;
}

/** Marks a "change-email" link used and returns its user and the address it was sent to. */
export async function consumeEmailChangeLink(executor: DbExecutor, token: string): Promise<{ userId: string; newEmail: string } | undefined> {
  const row = await consume(executor, token, "change-email");
  return row?.newEmail ? { userId: row.userId, newEmail: row.newEmail } : undefined;
}

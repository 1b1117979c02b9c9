import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { recoveryCodes } from "@/db/schema";
import { generateSecretToken, hashSecretToken } from "@/lib/auth/secret-tokens";
import { blindIndex } from "@/lib/crypto/blind-index";

const RECOVERY_CODE_COUNT = 10;
const RECOVERY_CODE_LENGTH = 10;

/**
 * Keyed (BLIND_INDEX_KEY) and bound to the user: a copy of the table alone cannot be brute-forced, and
 * one guess cannot be tried against every user's codes at once, as an unsalted hash would allow.
 */
function keyedHash(userId: string, code: string): Promise<string> {
  return blindIndex("recovery-code", `${userId}:${code}`);
}

/** What a person types: spaces, dashes and capitals are forgiven. */
function normalise(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

/** Replaces the user's codes; returns the new ones for showing once, as "abcde-fghij". */
export async function replaceRecoveryCodes(tx: DbExecutor, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    generateSecretToken().slice(0, RECOVERY_CODE_LENGTH).toLowerCase().replace(/[-_]/g, "x"),
  );
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(await Promise.all(codes.map(async (code) => ({ userId, codeHash: await keyedHash(userId, code) }))));
  return codes.map((code) => `${code.slice(0, 5)}-${code.slice(5)}`);
}

/** Uses up a matching unused code. Codes issued before keyed hashing (plain SHA-256) still work once. */
export async function redeemRecoveryCode(db: DbExecutor, userId: string, code: string): Promise<boolean> {
  const normalised = normalise(code);
  if (normalised.length !== RECOVERY_CODE_LENGTH) return false;
  const candidates = [await keyedHash(userId, normalised), await hashSecretToken(normalised)];
  const [used] = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), inArray(recoveryCodes.codeHash, candidates), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return Boolean(used);
}

import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users, type UserRole } from "@/db/schema";
import { RateLimitedError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { verifyAgainstDecoy, verifyPassword } from "@/lib/auth/password";
import { matchTotpStep } from "@/lib/auth/totp";
import { decryptField } from "@/lib/crypto/field-encryption";
import { assertRateLimit } from "@/lib/rate-limit/assert-rate-limit";
import { startSession } from "@/lib/sessions/start-session";
import { normaliseEmail } from "./email-address";
import { redeemRecoveryCode } from "./recovery-codes";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  organisationId: string;
  sessionVersion: number;
  sessionId: string;
}

/** Why a sign-in failed, for the form; deliberately coarse so it never says which part was wrong. */
export type SignInFailure = "invalid_credentials" | "totp_required" | "rate_limited";

export class SignInRefused extends Error {
  constructor(readonly reason: SignInFailure) {
    super(reason);
  }
}

const credentialsSchema = z.object({
  email: z.string().max(254),
  password: z.string().max(1024),
  totp: z.string().max(64).optional(),
});

/** After a few misses every further attempt on the account waits longer, up to 8 s. */
export function failureDelayMs(failedCount: number): number {
  return failedCount < 3 ? 0 : Math.min(250 * 2 ** (failedCount - 3), 8_000);
}

export async function authenticateCredentials(
  db: Database,
  context: AuditContext,
  raw: unknown,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<AuthenticatedUser> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new SignInRefused("invalid_credentials");
  const email = normaliseEmail(parsed.data.email);
  const { password, totp } = parsed.data;

  try {
    await assertRateLimit("auth:login-ip", context.ip ?? "unknown");
    await assertRateLimit("auth:login-account", email);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      await recordAuditEvent(db, context, { action: "auth.sign-in", resourceType: "session", outcome: "denied", metadata: { reason: "rate-limited" } });
      throw new SignInRefused("rate_limited");
    }
    throw error;
  }

  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email));
  const fail = async (reason: string, userId?: string) => {
    if (userId) {
      await db
        .update(users)
        .set({ failedLoginCount: sql`${users.failedLoginCount} + 1`, lastFailedLoginAt: new Date() })
        .where(eq(users.id, userId));
    }
    await recordAuditEvent(db, { ...context, actorId: userId ?? null, organisationId: user?.organisationId ?? null }, {
      action: "auth.sign-in",
      resourceType: "session",
      outcome: "failure",
      metadata: { reason },
    });
    return new SignInRefused("invalid_credentials");
  };

  if (!user) {
    await verifyAgainstDecoy(password);
    throw await fail("unknown-account");
  }
  await sleep(failureDelayMs(user.failedLoginCount));
  if (!(await verifyPassword(user.passwordHash, password))) throw await fail("wrong-password", user.id);
  if (user.disabledAt) throw await fail("account-disabled", user.id);

  if (user.totpEnabledAt && user.totpSecretEncrypted) {
    if (!totp) throw new SignInRefused("totp_required");
    const secret = await decryptField(db, user.totpSecretEncrypted, "users.totp_secret");
    const step = matchTotpStep(secret, totp);
    if (step !== undefined) {
      if (user.totpLastStep !== null && step <= user.totpLastStep) throw await fail("totp-replayed", user.id);
      await db.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id));
    } else if (!(await redeemRecoveryCode(db, user.id, totp))) {
      throw await fail("wrong-totp", user.id);
    }
  }

  const sessionId = await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLoginCount: 0, lastLoginAt: new Date() }).where(eq(users.id, user.id));
    const started = await startSession(tx, user, context.userAgent);
    await recordAuditEvent(tx, { ...context, actorType: "user", actorId: user.id, organisationId: user.organisationId }, {
      action: "auth.sign-in",
      resourceType: "session",
      resourceId: started,
    });
    return started;
  });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    sessionVersion: user.sessionVersion,
    sessionId,
  };
}

import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import { can, type Actor } from "@/lib/auth/permissions";
import { API_TOKEN_PREFIX } from "@/lib/auth/resolve-actor";
import { generateSecretToken, hashSecretToken } from "@/lib/auth/secret-tokens";

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token after what will use it.").max(80, "Use at most 80 characters."),
  expiresInDays: z.number().int().min(1).max(365).optional(),
});

/** The secret is returned this once; only its hash is kept. It acts with its owner's role, never more. */
export async function createApiToken(db: Database, actor: Actor, context: AuditContext, input: z.infer<typeof createApiTokenSchema>) {
  if (!can(actor, "token:manage-own") || actor.via === "api-token") throw new ForbiddenError("API tokens are managed from a signed-in session.");
  const secret = generateSecretToken(API_TOKEN_PREFIX);
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: actor.userId, name: input.name, prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6), tokenHash: await hashSecretToken(secret), expiresAt })
      .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt });
    if (!row) throw new Error("token insert returned no row");
    await recordAuditEvent(tx, context, { action: "api-token.create", resourceType: "api_token", resourceId: row.id });
    return { ...row, token: secret };
  });
}

export async function listApiTokens(db: Database, actor: Actor) {
  if (!can(actor, "token:manage-own")) throw new ForbiddenError();
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

/** Another user's token answers 404, exactly like a token that does not exist. */
export async function revokeApiToken(db: Database, actor: Actor, context: AuditContext, tokenId: string) {
  if (!can(actor, "token:manage-own")) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!row) throw new NotFoundError("API token");
    await recordAuditEvent(tx, context, { action: "api-token.revoke", resourceType: "api_token", resourceId: tokenId });
  });
}

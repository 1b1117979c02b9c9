import { createApiToken, createApiTokenSchema, listApiTokens } from "@/lib/accounts/api-tokens";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

export const GET = withAuth({ permission: "token:manage-own" }, async (_request, { db, actor }) => json({ tokens: await listApiTokens(db, actor) }));

export const POST = withAuth({ permission: "token:manage-own" }, async (request, { db, actor, audit }) =>
  json(await createApiToken(db, actor, audit, await readJson(request, createApiTokenSchema)), { status: 201 }),
);

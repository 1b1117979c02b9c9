import { revokeApiToken } from "@/lib/accounts/api-tokens";
import { parseId } from "@/lib/api/parse-id";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

export const DELETE = withAuth<{ id: string }>({ permission: "token:manage-own" }, async (_request, { db, actor, audit, params }) => {
  await revokeApiToken(db, actor, audit, parseId(params.id, "API token"));
  return new Response(null, { status: 204 });
});

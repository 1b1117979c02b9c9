import { revokeOwnSessions } from "@/lib/accounts/revoke-own-sessions";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

export const POST = withAuth({ permission: "account:manage-own" }, async (_request, { db, actor, audit }) => {
  await revokeOwnSessions(db, actor, audit);
  return new Response(null, { status: 204 });
});

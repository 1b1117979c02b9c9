import { revokeUserSessions } from "@/lib/admin/users";
import { parseId } from "@/lib/api/parse-id";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

export const POST = withAuth<{ id: string }>({ permission: "user:manage" }, async (_request, { db, actor, audit, params }) => {
  await revokeUserSessions(db, actor, audit, parseId(params.id, "User"));
  return new Response(null, { status: 204 });
});

import { parseId } from "@/lib/api/parse-id";
import { withAuth } from "@/lib/auth/with-auth";
import { endOwnSession } from "@/lib/sessions/end-own-session";

export const runtime = "nodejs";

export const DELETE = withAuth<{ id: string }>({ permission: "account:manage-own" }, async (_request, { db, actor, audit, params }) => {
  await endOwnSession(db, actor, audit, parseId(params.id, "Session"));
  return new Response(null, { status: 204 });
});

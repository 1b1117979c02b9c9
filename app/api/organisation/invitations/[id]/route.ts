import { parseId } from "@/lib/api/parse-id";
import { withAuth } from "@/lib/auth/with-auth";
import { revokeInvitation } from "@/lib/organisation/revoke-invitation";

export const runtime = "nodejs";

export const DELETE = withAuth<{ id: string }>({ permission: "org:manage-members" }, async (_request, { db, actor, audit, params }) => {
  await revokeInvitation(db, actor, audit, parseId(params.id, "Invitation"));
  return new Response(null, { status: 204 });
});

import { parseId } from "@/lib/api/parse-id";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { resendInvitation } from "@/lib/organisation/resend-invitation";

export const runtime = "nodejs";

export const POST = withAuth<{ id: string }>({ permission: "org:manage-members" }, async (_request, { db, actor, audit, params }) =>
  json(await resendInvitation(db, actor, audit, parseId(params.id, "Invitation"))),
);

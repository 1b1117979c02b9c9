import { withPublicRoute } from "@/lib/api/public-route";
import { json } from "@/lib/api/with-api";
import { readJson } from "@/lib/api/read-json";
import { acceptInvitation, acceptInvitationSchema } from "@/lib/organisation/accept-invitation";

export const runtime = "nodejs";

export const POST = withPublicRoute({ rateLimit: "auth:public-form" }, async (request, { db, audit }) => {
  const { userId } = await acceptInvitation(db, audit, await readJson(request, acceptInvitationSchema));
  return json({ userId }, { status: 201 });
});

import { parseId } from "@/lib/api/parse-id";
import { withAuth } from "@/lib/auth/with-auth";
import { revokeShareLink } from "@/lib/reports/share-links";

export const runtime = "nodejs";

export const DELETE = withAuth<{ id: string; linkId: string }>({ permission: "report:read" }, async (_request, { db, actor, audit, params }) => {
  await revokeShareLink(db, actor, audit, parseId(params.id, "Report"), parseId(params.linkId, "Share link"));
  return new Response(null, { status: 204 });
});

import { parseId } from "@/lib/api/parse-id";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { archiveCannedReply, cannedReplyUpdateSchema, updateCannedReply } from "@/lib/support/canned-replies";

export const runtime = "nodejs";

export const PATCH = withAuth<{ id: string }>({ permission: "support:manage-canned-replies" }, async (request, { db, actor, audit, params }) =>
  json({ cannedReply: await updateCannedReply(db, actor, audit, parseId(params.id, "Canned reply"), await readJson(request, cannedReplyUpdateSchema)) }),
);

export const DELETE = withAuth<{ id: string }>({ permission: "support:manage-canned-replies" }, async (_request, { db, actor, audit, params }) => {
  await archiveCannedReply(db, actor, audit, parseId(params.id, "Canned reply"));
  return new Response(null, { status: 204 });
});

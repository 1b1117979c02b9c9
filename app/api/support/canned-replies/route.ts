import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { cannedReplySchema, createCannedReply, listCannedReplies } from "@/lib/support/canned-replies";

export const runtime = "nodejs";

export const GET = withAuth({ permission: "support:reply" }, async (_request, { db, actor }) => json({ cannedReplies: await listCannedReplies(db, actor) }));

export const POST = withAuth({ permission: "support:manage-canned-replies" }, async (request, { db, actor, audit }) =>
  json({ cannedReply: await createCannedReply(db, actor, audit, await readJson(request, cannedReplySchema)) }, { status: 201 }),
);

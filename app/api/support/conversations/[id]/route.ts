import { parseId } from "@/lib/api/parse-id";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { getConversation } from "@/lib/support/read-conversation";
import { conversationUpdateSchema, updateConversation } from "@/lib/support/update-conversation";

export const runtime = "nodejs";

export const GET = withAuth<{ id: string }>({ permission: "support:participate" }, async (_request, { db, actor, audit, params }) =>
  json(await getConversation(db, actor, audit, parseId(params.id, "Conversation"))),
);

/** Staff: status (open / pending / resolved) and assignee. */
export const PATCH = withAuth<{ id: string }>({ permission: "support:reply" }, async (request, { db, actor, audit, params }) => {
  const input = await readJson(request, conversationUpdateSchema);
  return json({ conversation: await updateConversation(db, actor, audit, parseId(params.id, "Conversation"), input) });
});

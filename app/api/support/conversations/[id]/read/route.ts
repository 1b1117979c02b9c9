import { parseId } from "@/lib/api/parse-id";
import { withAuth } from "@/lib/auth/with-auth";
import { markConversationRead } from "@/lib/support/read-conversation";

export const runtime = "nodejs";

export const POST = withAuth<{ id: string }>({ permission: "support:participate" }, async (_request, { db, actor, params }) => {
  await markConversationRead(db, actor, parseId(params.id, "Conversation"));
  return new Response(null, { status: 204 });
});

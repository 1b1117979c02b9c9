import { parseId } from "@/lib/api/parse-id";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { rateConversation, ratingSchema } from "@/lib/support/rate-conversation";

export const runtime = "nodejs";

export const POST = withAuth<{ id: string }>({ permission: "support:converse" }, async (request, { db, actor, audit, params }) => {
  const { rating } = await readJson(request, ratingSchema);
  return json({ conversation: await rateConversation(db, actor, audit, parseId(params.id, "Conversation"), rating) });
});

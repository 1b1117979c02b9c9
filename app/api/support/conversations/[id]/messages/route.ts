import { z } from "zod";
import { parseId } from "@/lib/api/parse-id";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { messageText } from "@/lib/support/message-text";
import { postMessage } from "@/lib/support/post-message";
import { listMessages } from "@/lib/support/read-conversation";

export const runtime = "nodejs";

const messageSchema = z.object({ body: messageText, internal: z.boolean({ message: "internal must be true or false." }).optional() });

export const GET = withAuth<{ id: string }>({ permission: "support:participate" }, async (_request, { db, actor, audit, params }) =>
  json({ messages: await listMessages(db, actor, audit, parseId(params.id, "Conversation")) }),
);

export const POST = withAuth<{ id: string }>({ permission: "support:participate", rateLimit: "support:message" }, async (request, { db, actor, audit, params }) => {
  const input = await readJson(request, messageSchema);
  return json({ message: await postMessage(db, actor, audit, parseId(params.id, "Conversation"), input) }, { status: 201 });
});

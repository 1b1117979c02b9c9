import { z } from "zod";
import { parseQuery } from "@/lib/api/parse-query";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { conversationFilterSchema, listConversations } from "@/lib/support/list-conversations";
import { messageText } from "@/lib/support/message-text";
import { getConversation, listMessages } from "@/lib/support/read-conversation";
import { startConversation } from "@/lib/support/start-conversation";

export const runtime = "nodejs";

/** Customers: their own conversations. Staff: the inbox, filtered. */
export const GET = withAuth({ permission: "support:participate" }, async (request, { db, actor }) =>
  json({ conversations: await listConversations(db, actor, parseQuery(request, conversationFilterSchema)) }),
);

/** Opens a conversation, or continues the caller's open one: 201 when new, 200 when continued. */
export const POST = withAuth({ permission: "support:converse", rateLimit: "support:message" }, async (request, { db, actor, audit }) => {
  const input = await readJson(request, z.object({ message: messageText }));
  const started = await startConversation(db, actor, audit, { message: input.message, channel: "web" });
  const { conversation } = await getConversation(db, actor, audit, started.conversation.id);
  const messages = await listMessages(db, actor, audit, started.conversation.id);
  const message = messages.find((item) => item.id === started.messageId);
  return json({ id: conversation.id, conversation, message }, { status: started.created ? 201 : 200 });
});

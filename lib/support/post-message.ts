import { and, count, eq, gt, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { supportMessages, type SupportConversationRow, type SupportMessageRow } from "@/db/schema";
import { ConflictError, ValidationError } from "@/lib/api/errors";
import type { AuditContext } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { notifyUser } from "@/lib/notifications/notify-user";
import { dispatchOutbox } from "@/lib/outbox/dispatch-outbox";
import { accessibleConversation } from "./access";
import { appendMessage } from "./append-message";
import type { MessageDto } from "./dto";
import { publishConversation, publishMessage } from "./publish";
import { toMessageDtos } from "./to-dto";

export interface PostMessageInput {
  body: string;
  internal?: boolean;
  attachmentId?: string;
}

/**
 * A message in an existing conversation: the requester writes (web), or staff reply or add an
 * internal note. A resolved conversation is closed for the requester: their next message starts a
 * new one (POST /api/support/conversations), so ratings and SLA figures stay per conversation.
 */
export async function postMessage(db: Database, actor: Actor, audit: AuditContext, conversationId: string, input: PostMessageInput): Promise<MessageDto> {
  const { conversation, side } = await accessibleConversation(db, actor, conversationId);
  if (side === "requester" && input.internal) throw new ValidationError("internal", "Only support staff can write internal notes.");
  if (side === "requester" && conversation.status === "resolved") {
    throw new ConflictError("This conversation is resolved. Start a new one to ask something else.", { code: "CONVERSATION_RESOLVED" });
  }
  const visibility = input.internal ? "internal" : "public";
  const written = await db.transaction((tx) =>
    appendMessage(tx, audit, conversation, {
      author: side,
      authorUserId: actor.userId,
      visibility,
      channel: side === "requester" ? "web" : conversation.channel,
      text: input.body,
      attachmentId: input.attachmentId,
    }),
  );
  await announce(db, written.conversation, written.message);
  const [dto] = await toMessageDtos(db, written.conversation, [written.message]);
  if (!dto) throw new Error("support message not serialised");
  return dto;
}

async function announce(db: Database, conversation: SupportConversationRow, message: SupportMessageRow) {
  await publishMessage(conversation.id, message.id, message.visibility);
  if (message.visibility === "public") await publishConversation(conversation);
  if (message.author === "agent" && message.visibility === "public" && conversation.channel === "web") await notifyFirstUnreadReply(db, conversation, message);
  await dispatchOutbox(db).catch(() => undefined);
}

/**
 * The bell tells a web requester that support answered, once per unread stretch: while earlier
 * replies are still unread, another notification would only add noise.
 */
async function notifyFirstUnreadReply(db: Database, conversation: SupportConversationRow, message: SupportMessageRow) {
  const [earlier] = await db
    .select({ unread: count() })
    .from(supportMessages)
    .where(
      and(
        eq(supportMessages.conversationId, conversation.id),
        ne(supportMessages.author, "requester"),
        eq(supportMessages.visibility, "public"),
        ne(supportMessages.id, message.id),
        gt(supportMessages.createdAt, conversation.requesterReadAt ?? new Date(0)),
      ),
    );
  if ((earlier?.unread ?? 0) > 0) return;
  await notifyUser(db, conversation.requesterId, { kind: "support.reply", title: "Support answered your question. Open the chat (bottom right) to read it." });
}

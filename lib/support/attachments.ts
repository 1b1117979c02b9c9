import { eq } from "drizzle-orm";
import type { Database, DbExecutor } from "@/db/client";
import { supportAttachments, type SupportConversationRow } from "@/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { decryptBytes, encryptBytes, encryptField, decryptField } from "@/lib/crypto/field-encryption";
import { dispatchOutbox } from "@/lib/outbox/dispatch-outbox";
import { getObjectStore } from "@/lib/storage/get-object-store";
import { accessibleConversation } from "./access";
import { appendMessage } from "./append-message";
import { ATTACHMENT_MAX_BYTES, cleanFilename, sniffAttachmentType, type AttachmentType } from "./attachment-type";
import type { MessageDto } from "./dto";
import { messageText } from "./message-text";
import { publishConversation, publishMessage } from "./publish";
import { ATTACHMENT_NAME_COLUMN, toMessageDtos } from "./to-dto";

const BYTES_PURPOSE = "support_attachments.bytes";

/** A file that passed the checks every attachment passes, whichever way it came (web upload or WhatsApp). */
export interface CheckedAttachment {
  bytes: Uint8Array<ArrayBuffer>;
  type: AttachmentType;
  filename: string;
}

/**
 * The rules for any attachment: not empty, at most 5 MB, and a PNG, JPEG, WEBP or PDF by its first
 * bytes (never by its name or claimed type). Throws a ValidationError with the reason otherwise.
 */
export function checkAttachment(bytes: Uint8Array<ArrayBuffer>, name: string): CheckedAttachment {
  if (bytes.byteLength === 0) throw new ValidationError("file", "The file is empty.");
  if (bytes.byteLength > ATTACHMENT_MAX_BYTES) throw new ValidationError("file", "Attach a file of at most 5 MB.", "FILE_TOO_LARGE");
  const type = sniffAttachmentType(bytes);
  if (!type) throw new ValidationError("file", "Attach a PNG, JPEG or WEBP screenshot, or a PDF.", "UNSUPPORTED_FILE_TYPE");
  return { bytes, type, filename: cleanFilename(name, type) };
}

/**
 * Seals the bytes and the name under the conversation's data key, puts the bytes in object storage
 * (`support/<uuid>.sealed`) and records the attachment, in the caller's transaction; the caller then
 * appends the message that carries it.
 */
export async function storeAttachment(tx: DbExecutor, conversation: Pick<SupportConversationRow, "id" | "dataKeyId">, uploadedBy: string, file: CheckedAttachment): Promise<string> {
  const objectKey = `support/${crypto.randomUUID()}.sealed`;
  await getObjectStore().put(objectKey, new TextEncoder().encode(await encryptBytes(tx, conversation.dataKeyId, file.bytes, BYTES_PURPOSE)));
  const [attachment] = await tx
    .insert(supportAttachments)
    .values({
      conversationId: conversation.id,
      uploadedBy,
      filenameEncrypted: await encryptField(tx, conversation.dataKeyId, file.filename, ATTACHMENT_NAME_COLUMN),
      mimeType: file.type,
      bytes: file.bytes.byteLength,
      objectKey,
    })
    .returning({ id: supportAttachments.id });
  if (!attachment) throw new Error("support attachment not stored");
  return attachment.id;
}

/**
 * A screenshot or PDF in the conversation, as a message of its own (with an optional caption). The
 * type is decided by the file's first bytes; the bytes and the name are sealed under the
 * conversation's data key before they reach storage.
 */
export async function uploadAttachment(
  db: Database,
  actor: Actor,
  audit: AuditContext,
  conversationId: string,
  readUpload: () => Promise<{ file: File; caption?: string }>,
): Promise<MessageDto> {
  const { conversation, side } = await accessibleConversation(db, actor, conversationId);
  if (side === "requester" && conversation.status === "resolved") throw new ConflictError("This conversation is resolved. Start a new one to send a file.", { code: "CONVERSATION_RESOLVED" });
  // Read only once the caller is known to be a participant: nobody else gets to upload 5 MB.
  const input = await readUpload();
  // Refused by its declared size before a byte of it is read.
  if (input.file.size === 0) throw new ValidationError("file", "The file is empty.");
  if (input.file.size > ATTACHMENT_MAX_BYTES) throw new ValidationError("file", "Attach a file of at most 5 MB.", "FILE_TOO_LARGE");
  const file = checkAttachment(new Uint8Array(await input.file.arrayBuffer()), input.file.name);
  const caption = input.caption === undefined || input.caption.trim() === "" ? undefined : messageText.parse(input.caption);

  const written = await db.transaction(async (tx) =>
    appendMessage(tx, audit, conversation, {
      author: side,
      authorUserId: actor.userId,
      visibility: "public",
      channel: side === "requester" ? "web" : conversation.channel,
      text: caption ?? fileMessageText(file),
      attachmentId: await storeAttachment(tx, conversation, actor.userId, file),
    }),
  );
  await publishMessage(conversationId, written.message.id, "public");
  await publishConversation(written.conversation);
  await dispatchOutbox(db).catch(() => undefined);
  const [dto] = await toMessageDtos(db, written.conversation, [written.message]);
  if (!dto) throw new Error("support message not serialised");
  return dto;
}

/** The text of a file's message when it came without a caption. */
export const fileMessageText = (file: Pick<CheckedAttachment, "filename">) => `Sent a file: ${file.filename}`;

/** The file for a participant of its conversation; staff downloads are audited. */
export async function downloadAttachment(db: Database, actor: Actor, audit: AuditContext, attachmentId: string) {
  const [attachment] = await db.select().from(supportAttachments).where(eq(supportAttachments.id, attachmentId));
  if (!attachment) throw new NotFoundError("Attachment");
  const { side } = await accessibleConversation(db, actor, attachment.conversationId).catch(() => {
    throw new NotFoundError("Attachment");
  });
  if (side === "agent") await recordAuditEvent(db, audit, { action: "support.attachment.read", resourceType: "support_conversation", resourceId: attachment.conversationId, metadata: { attachmentId } });
  const sealed = new TextDecoder().decode(await getObjectStore().get(attachment.objectKey));
  return {
    bytes: await decryptBytes(db, sealed, BYTES_PURPOSE),
    mimeType: attachment.mimeType,
    filename: await decryptField(db, attachment.filenameEncrypted, ATTACHMENT_NAME_COLUMN),
  };
}

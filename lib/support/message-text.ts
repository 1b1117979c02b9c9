import { z } from "zod";
import type { DbExecutor } from "@/db/client";
import { decryptField, encryptField } from "@/lib/crypto/field-encryption";

export const MESSAGE_COLUMN = "support_messages.body";
export const MESSAGE_MAX_CHARACTERS = 4000;

/** A message as typed: trimmed, not empty, at most 4000 characters (WhatsApp allows 4096). */
export const messageText = z
  .string({ message: "Write a message." })
  .trim()
  .min(1, "Write a message.")
  .max(MESSAGE_MAX_CHARACTERS, `Use at most ${MESSAGE_MAX_CHARACTERS} characters.`);

export function sealMessage(db: DbExecutor, dataKeyId: string, text: string) {
  return encryptField(db, dataKeyId, text, MESSAGE_COLUMN);
}

export function openMessage(db: DbExecutor, sealed: string) {
  return decryptField(db, sealed, MESSAGE_COLUMN);
}

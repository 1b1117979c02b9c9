import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { whatsappConversationStates } from "@/db/schema";
import { decryptJson, encryptJson } from "@/lib/crypto/field-encryption";
import type { WhatsAppContact } from "./contacts";

/** A CHECK in progress; it holds the identifier, so it is sealed and forgotten after 30 minutes. */
export interface CheckDraft {
  identifier: string;
  subjectType: "individual" | "company";
  masked: string;
  rent?: number;
  income?: number;
  consent?: { kind: "attested"; evidenceWamid: string } | { kind: "request"; phone: string };
}

export type ConversationState =
  | { step: "consent-choice"; draft: CheckDraft }
  | { step: "applicant-number"; draft: CheckDraft }
  | { step: "pin"; draft: CheckDraft }
    /** Texts go to the support conversation until MENU or CANCEL. */
  | { step: "support" };

/** A step of a CHECK in progress. */
export type CheckState = Extract<ConversationState, { draft: CheckDraft }>;

const COLUMN = "whatsapp_conversation_states.state";
const TTL_MS = 30 * 60_000;

export async function readState(db: DbExecutor, contact: WhatsAppContact, now = new Date()): Promise<ConversationState | null> {
  const [row] = await db.select().from(whatsappConversationStates).where(eq(whatsappConversationStates.contactId, contact.id));
  if (!row || row.expiresAt <= now) return null;
  return decryptJson<ConversationState>(db, row.stateEncrypted, COLUMN);
}

export async function saveState(db: DbExecutor, contact: WhatsAppContact, state: ConversationState, now = new Date()): Promise<void> {
  const values = { stateEncrypted: await encryptJson(db, contact.dataKeyId, state, COLUMN), expiresAt: new Date(now.getTime() + TTL_MS), updatedAt: now };
  await db
    .insert(whatsappConversationStates)
    .values({ contactId: contact.id, ...values })
    .onConflictDoUpdate({ target: whatsappConversationStates.contactId, set: values });
}

export async function clearState(db: DbExecutor, contact: WhatsAppContact): Promise<void> {
  await db.delete(whatsappConversationStates).where(eq(whatsappConversationStates.contactId, contact.id));
}

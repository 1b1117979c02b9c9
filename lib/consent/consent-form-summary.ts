import { desc, eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { consentDocuments } from "@/db/schema";
import { decryptField } from "@/lib/crypto/field-encryption";

export const CONSENT_FORM_NAME_COLUMN = "consent_documents.filename";

export interface ConsentFormDto {
  id: string;
  filename: string;
  mimeType: string;
  bytes: number;
  createdAt: Date;
}

/** The attached signed form's name and size for the enquiry detail, or null. The caller checks access. */
export async function consentFormSummary(db: DbExecutor, enquiryId: string): Promise<ConsentFormDto | null> {
  const [document] = await db.select().from(consentDocuments).where(eq(consentDocuments.enquiryId, enquiryId)).orderBy(desc(consentDocuments.createdAt)).limit(1);
  if (!document) return null;
  return {
    id: document.id,
    filename: await decryptField(db, document.filenameEncrypted, CONSENT_FORM_NAME_COLUMN),
    mimeType: document.mimeType,
    bytes: document.bytes,
    createdAt: document.createdAt,
  };
}

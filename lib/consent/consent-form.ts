import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { consentDocuments, consents, subjects } from "@/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/api/errors";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { decryptBytes, decryptField, encryptBytes, encryptField } from "@/lib/crypto/field-encryption";
import { readableEnquiry } from "@/lib/enquiries/read-enquiry";
import { getObjectStore } from "@/lib/storage/get-object-store";
import { ATTACHMENT_MAX_BYTES, cleanFilename, sniffAttachmentType, type AttachmentType } from "@/lib/support/attachment-type";
import { CONSENT_FORM_NAME_COLUMN, type ConsentFormDto } from "./consent-form-summary";

export const CONSENT_FORM_BYTES_PURPOSE = "consent_documents.bytes";

export interface ConsentFormFile {
  bytes: Uint8Array<ArrayBuffer>;
  mimeType: string;
  filename: string;
}

/** The enquiry's current consent: the newest record (a withdrawal is a newer record). */
async function currentConsent(db: Database, enquiryId: string) {
  const [consent] = await db.select().from(consents).where(eq(consents.enquiryId, enquiryId)).orderBy(desc(consents.createdAt)).limit(1);
  return consent;
}

/**
 * Attaches the signed consent form to an enquiry whose consent a user attested. The type is decided by
 * the file's first bytes; the bytes and the name are sealed under the subject's data key before they
 * reach storage. One form per consent: a second upload is a 409.
 */
export async function uploadConsentForm(
  db: Database,
  actor: Actor,
  audit: AuditContext,
  enquiryId: string,
  readFile: () => Promise<File>,
): Promise<ConsentFormDto> {
  const enquiry = await readableEnquiry(db, actor, enquiryId, "enquiry:create");
  const consent = await currentConsent(db, enquiryId);
  if (!consent || consent.kind !== "granted" || consent.confirmedBy === null || consent.method === "applicant_link") {
    throw new ConflictError("A signed form can only be attached to consent you confirmed on the applicant's behalf.", { code: "CONSENT_NOT_ATTESTED" });
  }
  const [existing] = await db.select({ id: consentDocuments.id }).from(consentDocuments).where(eq(consentDocuments.consentId, consent.id));
  if (existing) throw new ConflictError("A signed consent form is already attached to this enquiry.", { code: "CONSENT_FORM_EXISTS" });

  // Read only once the caller is known to reach the enquiry: nobody else gets to upload 5 MB.
  const file = await readFile();
  if (file.size === 0) throw new ValidationError("file", "The file is empty.");
  if (file.size > ATTACHMENT_MAX_BYTES) throw new ValidationError("file", "Attach a file of at most 5 MB.", "FILE_TOO_LARGE");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type: AttachmentType | undefined = sniffAttachmentType(bytes);
  if (!type) throw new ValidationError("file", "Attach the signed form as a PDF, or a PNG, JPEG or WEBP image.", "UNSUPPORTED_FILE_TYPE");
  const filename = cleanFilename(file.name, type);

  const [subject] = await db.select({ dataKeyId: subjects.dataKeyId }).from(subjects).where(eq(subjects.id, enquiry.subjectId));
  if (!subject) throw new Error("enquiry subject missing");
  const objectKey = `consent-forms/${crypto.randomUUID()}.sealed`;
  const store = getObjectStore();
  await store.put(objectKey, new TextEncoder().encode(await encryptBytes(db, subject.dataKeyId, bytes, CONSENT_FORM_BYTES_PURPOSE)));
  try {
    return await db.transaction(async (tx) => {
      const [document] = await tx
        .insert(consentDocuments)
        .values({
          consentId: consent.id,
          enquiryId,
          organisationId: enquiry.organisationId,
          uploadedBy: actor.userId,
          filenameEncrypted: await encryptField(tx, subject.dataKeyId, filename, CONSENT_FORM_NAME_COLUMN),
          mimeType: type,
          bytes: bytes.byteLength,
          objectKey,
        })
        .onConflictDoNothing({ target: consentDocuments.consentId })
        .returning();
      if (!document) throw new ConflictError("A signed consent form is already attached to this enquiry.", { code: "CONSENT_FORM_EXISTS" });
      await recordAuditEvent(tx, audit, {
        action: "consent.form.upload",
        resourceType: "enquiry",
        resourceId: enquiryId,
        metadata: { consentId: consent.id, documentId: document.id, mimeType: type, bytes: bytes.byteLength },
      });
      return { id: document.id, filename, mimeType: document.mimeType, bytes: document.bytes, createdAt: document.createdAt };
    });
  } catch (error) {
    await store.delete(objectKey).catch(() => undefined);
    throw error;
  }
}

/** The signed form itself, for whoever may read the enquiry; every download is audited. */
export async function downloadConsentForm(db: Database, actor: Actor, audit: AuditContext, enquiryId: string): Promise<ConsentFormFile> {
  await readableEnquiry(db, actor, enquiryId, "enquiry:read");
  const [document] = await db.select().from(consentDocuments).where(eq(consentDocuments.enquiryId, enquiryId)).orderBy(desc(consentDocuments.createdAt)).limit(1);
  if (!document) throw new NotFoundError("Signed consent form");
  // The name first: once the applicant is erased this answers 410, before storage (whose object is deleted then) is asked.
  const filename = await decryptField(db, document.filenameEncrypted, CONSENT_FORM_NAME_COLUMN);
  const sealed = new TextDecoder().decode(await getObjectStore().get(document.objectKey));
  const file = { bytes: await decryptBytes(db, sealed, CONSENT_FORM_BYTES_PURPOSE), mimeType: document.mimeType, filename };
  await recordAuditEvent(db, audit, { action: "consent.form.read", resourceType: "enquiry", resourceId: enquiryId, metadata: { documentId: document.id } });
  return file;
}

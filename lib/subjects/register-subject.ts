import { and, eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { subjects } from "@/db/schema";
import { ErasedError } from "@/lib/api/errors";
import { blindIndex, normaliseIdentifier, type IdentifierKind } from "@/lib/crypto/blind-index";
import { createDataKey } from "@/lib/crypto/data-keys";
import { encryptField } from "@/lib/crypto/field-encryption";

export interface SubjectInput {
  kind: "individual" | "company";
  identifierKind: IdentifierKind;
  identifier: string;
  displayName?: string;
}

/**
 * Finds the subject by blind index or creates it with its own data key, so one applicant screened by
 * many organisations is one subject, and erasing it reaches every enquiry that points at it.
 */
export async function registerSubject(
  executor: DbExecutor,
  input: SubjectInput,
): Promise<{ id: string; dataKeyId: string; created: boolean }> {
  const identifierIndex = await blindIndex(input.identifierKind, input.identifier);
  return executor.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: subjects.id, dataKeyId: subjects.dataKeyId, erasedAt: subjects.erasedAt })
      .from(subjects)
      .where(and(eq(subjects.kind, input.kind), eq(subjects.identifierIndex, identifierIndex)));
    if (existing?.erasedAt) throw new ErasedError("This applicant asked for their personal information to be erased and cannot be screened again.");
    if (existing) return { id: existing.id, dataKeyId: existing.dataKeyId, created: false };

    const dataKeyId = await createDataKey(tx, "subject");
    const id = crypto.randomUUID();
    await tx.insert(subjects).values({
      id,
      kind: input.kind,
      identifierIndex,
      dataKeyId,
      identifierEncrypted: await encryptField(tx, dataKeyId, normaliseIdentifier(input.identifier), "subjects.identifier"),
      displayNameEncrypted: input.displayName
        ? await encryptField(tx, dataKeyId, input.displayName, "subjects.display_name")
        : null,
    });
    return { id, dataKeyId, created: true };
  });
}

import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { subjects } from "@/db/schema";
import { ErasedError, NotFoundError } from "@/lib/api/errors";
import { decryptField } from "@/lib/crypto/field-encryption";

export interface Subject {
  id: string;
  kind: "individual" | "company";
  identifier: string;
  displayName: string | null;
}

/** Internal: callers must already have authorised access to an enquiry that references this subject. */
export async function readSubject(db: DbExecutor, id: string): Promise<Subject> {
  const [row] = await db.select().from(subjects).where(eq(subjects.id, id));
  if (!row) throw new NotFoundError("Subject");
  if (row.erasedAt || !row.identifierEncrypted) throw new ErasedError();
  return {
    id: row.id,
    kind: row.kind,
    identifier: await decryptField(db, row.identifierEncrypted, "subjects.identifier"),
    displayName: row.displayNameEncrypted ? await decryptField(db, row.displayNameEncrypted, "subjects.display_name") : null,
  };
}

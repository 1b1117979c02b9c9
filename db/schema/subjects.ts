import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { dataKeys } from "./data-keys";

export const subjectKind = pgEnum("subject_kind", ["individual", "company"]);

/**
 * A person or company that is screened. Identifiers are stored encrypted under the subject's own data
 * key; the blind index (keyed HMAC of the normalised identifier) lets us find a subject again without
 * ever storing the number in plaintext.
 */
export const subjects = pgTable(
  "subjects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: subjectKind("kind").notNull(),
    identifierIndex: text("identifier_index").notNull(),
    identifierEncrypted: text("identifier_encrypted"),
    displayNameEncrypted: text("display_name_encrypted"),
    dataKeyId: uuid("data_key_id")
      .notNull()
      .references(() => dataKeys.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("subjects_kind_identifier_index_key").on(table.kind, table.identifierIndex),
    // The retention sweep reads only subjects that still hold data.
    index("subjects_live_created_idx").on(table.createdAt).where(sql`${table.erasedAt} is null`),
  ],
);

export type SubjectRow = typeof subjects.$inferSelect;

import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { consents } from "./consents";
import { enquiries } from "./enquiries";
import { organisations } from "./organisations";
import { users } from "./users";

/**
 * The signed consent form a user attached to an attested consent: at most one per consent. The bytes
 * live in object storage and, like the filename, are sealed under the subject's data key.
 */
export const consentDocuments = pgTable("consent_documents", {
  id: uuid("id").primaryKey().defaultRandom(),
  consentId: uuid("consent_id")
    .notNull()
    .unique()
    .references(() => consents.id),
  enquiryId: uuid("enquiry_id")
    .notNull()
    .references(() => enquiries.id),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id),
  uploadedBy: uuid("uploaded_by")
    .notNull()
    .references(() => users.id),
  filenameEncrypted: text("filename_encrypted").notNull(),
  mimeType: text("mime_type").notNull(),
  bytes: integer("bytes").notNull(),
  objectKey: text("object_key").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { enquiries } from "./enquiries";
import { organisations } from "./organisations";
import { users } from "./users";

/**
 * One report per enquiry (its id is the enquiry's). The assessment quotes bureau facts, so it is sealed
 * under the subject's data key like the bureau record; the PDF lives in object storage, sealed the same way.
 */
export const reports = pgTable("reports", {
  enquiryId: uuid("enquiry_id")
    .primaryKey()
    .references(() => enquiries.id),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id),
  modelVersion: text("model_version").notNull(),
  assessmentEncrypted: text("assessment_encrypted").notNull(),
  pdfObjectKey: text("pdf_object_key"),
  pdfBytes: integer("pdf_bytes"),
  /** POPIA s71: the person's decision, separate from the model's advice. */
  decision: text("decision", { enum: ["approved", "declined"] }),
  decisionNoteEncrypted: text("decision_note_encrypted"),
  decidedBy: uuid("decided_by").references(() => users.id),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  renderedAt: timestamp("rendered_at", { withTimezone: true }),
});

/** Signed, expiring, revocable links for someone outside the account (e.g. the property owner). */
export const shareLinks = pgTable(
  "share_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enquiryId: uuid("enquiry_id")
      .notNull()
      .references(() => reports.enquiryId),
    tokenHash: text("token_hash").notNull().unique(),
    label: text("label"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    views: integer("views").notNull().default(0),
    lastViewedAt: timestamp("last_viewed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("share_links_enquiry_idx").on(table.enquiryId)],
);

/** In-app notifications; titles and links only, never report contents. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    link: text("link"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("notifications_user_idx").on(table.userId, table.createdAt)],
);

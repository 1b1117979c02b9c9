import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { enquiries } from "./enquiries";
import { subjects } from "./subjects";
import { users } from "./users";

/**
 * POPIA s11/s18 consent records: append-only (a trigger refuses UPDATE and DELETE). A withdrawal is a
 * new record of kind "withdrawn". Details that identify the applicant (IP, user agent) are sealed
 * under the subject's data key.
 */
export const consents = pgTable(
  "consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enquiryId: uuid("enquiry_id")
      .notNull()
      .references(() => enquiries.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => subjects.id),
    kind: text("kind", { enum: ["granted", "withdrawn"] }).notNull(),
    method: text("method", { enum: ["signed_form", "electronic", "whatsapp", "applicant_link"] }).notNull(),
    purpose: text("purpose", { enum: ["TENANT_SCREENING"] }).notNull(),
    noticeVersion: text("notice_version").notNull(),
    obtainedAt: timestamp("obtained_at", { withTimezone: true }).notNull(),
    /** The user who attested to it; null when the applicant consented themselves through the link. */
    confirmedBy: uuid("confirmed_by").references(() => users.id),
    applicantContextEncrypted: text("applicant_context_encrypted"),
    /** Where the attestation or consent was given, e.g. `whatsapp:<wamid>` (no personal data). */
    evidence: text("evidence"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("consents_enquiry_idx").on(table.enquiryId)],
);

/** "Ask the applicant": a single-use link to the public consent page. */
export const consentRequests = pgTable("consent_requests", {
  id: uuid("id").primaryKey().defaultRandom(),
  enquiryId: uuid("enquiry_id")
    .notNull()
    .unique()
    .references(() => enquiries.id),
  tokenHash: text("token_hash").notNull().unique(),
  channel: text("channel", { enum: ["email", "whatsapp"] }).notNull(),
  destinationEncrypted: text("destination_encrypted").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  completedAt: timestamp("completed_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

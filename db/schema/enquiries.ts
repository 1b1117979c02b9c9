import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { subjects } from "./subjects";
import { users } from "./users";

export const enquiryStatus = pgEnum("enquiry_status", [
  "awaiting_consent",
  "queued",
  "fetching",
  "scoring",
  "rendering",
  "ready",
  "failed",
  "expired",
]);
export type EnquiryStatus = (typeof enquiryStatus.enumValues)[number];
export const TERMINAL_STATUSES: readonly EnquiryStatus[] = ["ready", "failed", "expired"];

/**
 * One screening request. Applicant details (names, income, contact) are sealed under the subject's
 * data key in `applicantEncrypted`; only the last four identifier characters are kept readable, for
 * lists, as on a bank statement.
 */
export const enquiries = pgTable(
  "enquiries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => subjects.id),
    subjectType: text("subject_type", { enum: ["individual", "company"] }).notNull(),
    identifierKind: text("identifier_kind", { enum: ["sa-id", "passport", "cipc"] }).notNull(),
    identifierLast4: text("identifier_last4").notNull(),
    applicantEncrypted: text("applicant_encrypted"),
    reference: text("reference"),
    monthlyRentCents: integer("monthly_rent_cents"),
    status: enquiryStatus("status").notNull(),
    failureCode: text("failure_code"),
    failureMessage: text("failure_message"),
    channel: text("channel", { enum: ["web", "api", "whatsapp"] }).notNull().default("web"),
    /** True once TPN has answered (and so billed) this enquiry. */
    billed: boolean("billed").notNull().default(false),
    consentDeadline: timestamp("consent_deadline", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (table) => [
    index("enquiries_organisation_created_idx").on(table.organisationId, table.createdAt),
    index("enquiries_subject_idx").on(table.organisationId, table.subjectId),
    // Every enquiry about one applicant, across organisations: privacy requests and the retention sweep.
    index("enquiries_subject_id_idx").on(table.subjectId),
    index("enquiries_status_idx").on(table.status, table.updatedAt),
  ],
);

/** The status timeline the detail page shows; messages never contain personal data. */
export const enquiryEvents = pgTable(
  "enquiry_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    enquiryId: uuid("enquiry_id")
      .notNull()
      .references(() => enquiries.id),
    status: enquiryStatus("status").notNull(),
    message: text("message").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("enquiry_events_enquiry_idx").on(table.enquiryId, table.id)],
);

/** TPN's answer, sealed under the subject's data key; erasing the subject makes it unreadable. */
export const bureauRecords = pgTable("bureau_records", {
  id: uuid("id").primaryKey().defaultRandom(),
  enquiryId: uuid("enquiry_id")
    .notNull()
    .unique()
    .references(() => enquiries.id),
  found: boolean("found").notNull(),
  reportEncrypted: text("report_encrypted").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Events written in the same transaction as the change they announce, then sent to Inngest; a failed
 * send is retried by the dispatcher cron, so nothing is lost between the database and the queue.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: uuid("event_id").notNull().defaultRandom().unique(),
    name: text("name").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (table) => [index("outbox_pending_idx").on(table.dispatchedAt, table.id)],
);

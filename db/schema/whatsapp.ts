import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { dataKeys } from "./data-keys";
import { enquiries } from "./enquiries";
import { users } from "./users";

/**
 * A WhatsApp number that wrote to us or that we wrote to. The number is found by its blind index and
 * kept sealed under the contact's own data key, as are its messages: erasing a contact shreds them all.
 */
export const whatsappContacts = pgTable("whatsapp_contacts", {
  id: uuid("id").primaryKey().defaultRandom(),
  phoneIndex: text("phone_index").notNull().unique(),
  phoneEncrypted: text("phone_encrypted").notNull(),
  phoneLast4: text("phone_last4").notNull(),
  dataKeyId: uuid("data_key_id")
    .notNull()
    .references(() => dataKeys.id),
  /** The last message from this number: free-form replies are allowed for 24 hours after it. */
  lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
  /** STOP: no notifications to this number until START. */
  optedOutAt: timestamp("opted_out_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A portal user's proven WhatsApp number (one active link per user and per number). */
export const whatsappLinks = pgTable(
  "whatsapp_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => whatsappContacts.id),
    /** Notifications for enquiries started on the web also go to WhatsApp. */
    notifyWebEnquiries: boolean("notify_web_enquiries").notNull().default(false),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: text("revoked_reason"),
  },
  (table) => [
    uniqueIndex("whatsapp_links_active_user_key").on(table.userId).where(sql`${table.revokedAt} is null`),
    uniqueIndex("whatsapp_links_active_contact_key").on(table.contactId).where(sql`${table.revokedAt} is null`),
  ],
);

/**
 * One-time codes that prove a number belongs to a signed-in user: either sent to the number and typed
 * into the portal, or shown in the portal and sent from the number as "LINK 123456".
 */
export const whatsappLinkCodes = pgTable(
  "whatsapp_link_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    direction: text("direction", { enum: ["to-phone", "from-phone"] }).notNull(),
    /** The number the code was sent to (to-phone only). */
    contactId: uuid("contact_id").references(() => whatsappContacts.id),
    /** HMAC of the code (from-phone codes are looked up by it). */
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("whatsapp_link_codes_user_idx").on(table.userId, table.createdAt), index("whatsapp_link_codes_hash_idx").on(table.codeHash)],
);

/** The PIN that authorises enquiries from WhatsApp: argon2id, locked after 5 wrong tries until reset in the portal. */
export const whatsappPins = pgTable("whatsapp_pins", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  pinHash: text("pin_hash").notNull(),
  failedAttempts: integer("failed_attempts").notNull().default(0),
  lockedAt: timestamp("locked_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Inbound: received. Outbound: deferred (waits for the person to write, outside the 24-hour window),
 * sending (the call is under way), accepted (Meta gave a wamid), then sent, delivered, read or failed.
 */
export const WHATSAPP_MESSAGE_STATUSES = ["received", "deferred", "sending", "accepted", "sent", "delivered", "read", "failed"] as const;
export type WhatsAppMessageStatus = (typeof WHATSAPP_MESSAGE_STATUSES)[number];

/**
 * Every message in and out. Inbound rows are the webhook's deduplication (unique wamid); outbound rows
 * carry the wamid Meta gave and the latest status its callbacks reported. Bodies are sealed.
 */
export const whatsappMessages = pgTable(
  "whatsapp_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => whatsappContacts.id),
    direction: text("direction", { enum: ["in", "out"] }).notNull(),
    wamid: text("wamid"),
    /** One send per logical message (e.g. `<enquiryId>:report-summary`), so a retried step never sends twice. */
    dedupeKey: text("dedupe_key"),
    /** text, interactive, document, template, image, ... */
    kind: text("kind").notNull(),
    /** Why we sent it: reply, link-code, consent-request, report, notification, template-fallback. */
    purpose: text("purpose"),
    bodyEncrypted: text("body_encrypted").notNull(),
    status: text("status", { enum: WHATSAPP_MESSAGE_STATUSES }).notNull(),
    statusAt: timestamp("status_at", { withTimezone: true }),
    errorCode: integer("error_code"),
    errorTitle: text("error_title"),
    enquiryId: uuid("enquiry_id").references(() => enquiries.id),
    /** Meta's timestamp for inbound messages; ours for outbound. */
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("whatsapp_messages_wamid_key").on(table.wamid),
    uniqueIndex("whatsapp_messages_dedupe_key").on(table.dedupeKey),
    index("whatsapp_messages_contact_idx").on(table.contactId, table.createdAt),
    index("whatsapp_messages_deferred_idx").on(table.contactId, table.status),
    // The messages about an enquiry (report summaries, consent requests): redacted when its applicant is erased.
    index("whatsapp_messages_enquiry_idx").on(table.enquiryId).where(sql`${table.enquiryId} is not null`),
  ],
);

/** Status callbacks seen (a status is applied once even when Meta delivers it again). */
export const whatsappStatusEvents = pgTable(
  "whatsapp_status_events",
  {
    wamid: text("wamid").notNull(),
    status: text("status", { enum: ["sent", "delivered", "read", "failed"] }).notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    errorCode: integer("error_code"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.wamid, table.status] })],
);

/** Where a contact is in a multi-step exchange (a CHECK awaiting consent and PIN); sealed, short-lived. */
export const whatsappConversationStates = pgTable("whatsapp_conversation_states", {
  contactId: uuid("contact_id")
    .primaryKey()
    .references(() => whatsappContacts.id),
  stateEncrypted: text("state_encrypted").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

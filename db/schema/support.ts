import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { dataKeys } from "./data-keys";
import { enquiries } from "./enquiries";
import { organisations } from "./organisations";
import { users } from "./users";
import { whatsappMessages } from "./whatsapp";

export const SUPPORT_STATUSES = ["open", "pending", "resolved"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];
export const SUPPORT_CHANNELS = ["web", "whatsapp"] as const;
export type SupportChannel = (typeof SUPPORT_CHANNELS)[number];

/**
 * One help conversation of one customer, across channels: the web widget and WhatsApp write into the
 * same thread. Message texts are sealed under the conversation's own data key, so erasing the
 * requester shreds the whole thread.
 */
export const supportConversations = pgTable(
  "support_conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requesterId: uuid("requester_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    status: text("status", { enum: SUPPORT_STATUSES }).notNull().default("open"),
    /** Where the requester last wrote from: agent replies go back there. */
    channel: text("channel", { enum: SUPPORT_CHANNELS }).notNull(),
    assigneeId: uuid("assignee_id").references(() => users.id),
    dataKeyId: uuid("data_key_id")
      .notNull()
      .references(() => dataKeys.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    /** The first agent reply: the SLA clock runs from createdAt until this. */
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** Read markers for unread counts and the "read" ticks on the other side. */
    requesterReadAt: timestamp("requester_read_at", { withTimezone: true }),
    agentReadAt: timestamp("agent_read_at", { withTimezone: true }),
    rating: smallint("rating"),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
  },
  (table) => [
    index("support_conversations_requester_idx").on(table.requesterId, table.status),
    index("support_conversations_inbox_idx").on(table.status, table.lastMessageAt),
    // At most one unresolved conversation per requester: the widget and WhatsApp continue it.
    uniqueIndex("support_conversations_one_open_key").on(table.requesterId).where(sql`${table.status} <> 'resolved'`),
    check("support_conversations_rating_range", sql`${table.rating} is null or ${table.rating} between 1 and 5`),
  ],
);

export const supportMessages = pgTable(
  "support_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => supportConversations.id),
    author: text("author", { enum: ["requester", "agent", "system"] }).notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id),
    /** Notes are for staff only; the requester never receives them. */
    visibility: text("visibility", { enum: ["public", "internal"] }).notNull().default("public"),
    channel: text("channel", { enum: SUPPORT_CHANNELS }).notNull(),
    bodyEncrypted: text("body_encrypted").notNull(),
    attachmentId: uuid("attachment_id").references((): AnyPgColumn => supportAttachments.id),
    /** The WhatsApp message that carried it (inbound) or carries it (outbound): its delivery status. */
    whatsappMessageId: uuid("whatsapp_message_id").references(() => whatsappMessages.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("support_messages_conversation_idx").on(table.conversationId, table.createdAt)],
);

/** A screenshot or PDF a requester attached; the bytes live in object storage, sealed. */
export const supportAttachments = pgTable("support_attachments", {
  id: uuid("id").primaryKey().defaultRandom(),
  conversationId: uuid("conversation_id")
    .notNull()
    .references(() => supportConversations.id),
  uploadedBy: uuid("uploaded_by")
    .notNull()
    .references(() => users.id),
  filenameEncrypted: text("filename_encrypted").notNull(),
  mimeType: text("mime_type").notNull(),
  bytes: integer("bytes").notNull(),
  objectKey: text("object_key").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A report the requester chose to show support: only then may an agent open it, until revoked. */
export const supportSharedReports = pgTable(
  "support_shared_reports",
  {
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => supportConversations.id),
    enquiryId: uuid("enquiry_id")
      .notNull()
      .references(() => enquiries.id),
    sharedBy: uuid("shared_by")
      .notNull()
      .references(() => users.id),
    sharedAt: timestamp("shared_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.conversationId, table.enquiryId] })],
);

/** Ready answers agents insert into a reply; managed by Admins. Not personal data. */
export const cannedReplies = pgTable("canned_replies", {
  id: uuid("id").primaryKey().defaultRandom(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  createdBy: uuid("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
});

/** Round-robin: the online agent assigned longest ago gets the next new conversation. */
export const supportAgentAssignments = pgTable("support_agent_assignments", {
  agentId: uuid("agent_id")
    .primaryKey()
    .references(() => users.id),
  lastAssignedAt: timestamp("last_assigned_at", { withTimezone: true }).notNull(),
});

export type SupportConversationRow = typeof supportConversations.$inferSelect;
export type SupportMessageRow = typeof supportMessages.$inferSelect;

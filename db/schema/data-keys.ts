import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One data key per data subject (an applicant, a conversation, …), stored only wrapped by a key from
 * the key ring. Destroying the wrapped key (crypto-shredding) makes every field encrypted under it
 * unreadable everywhere at once, including backups taken after the erasure.
 */
export const dataKeys = pgTable("data_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Which key-ring key wrapped it; rotation re-wraps and changes this, never the fields. */
  wrappingKeyId: text("wrapping_key_id"),
  wrappedKey: text("wrapped_key"),
  purpose: text("purpose").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  destroyedAt: timestamp("destroyed_at", { withTimezone: true }),
});

export type DataKeyRow = typeof dataKeys.$inferSelect;

import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * One row per signed-in browser. The session itself is a JWT cookie; this row is what lets a user see
 * their devices and end exactly one of them (sign-out, "end this session") before the JWT expires.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** The user's session version at sign-in: a later bump (password change, sign out everywhere…) ends this session too. */
    sessionVersion: integer("session_version").notNull(),
    /** Browser description from the sign-in request, cut to 200 characters: enough to tell devices apart. */
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [index("user_sessions_user_idx").on(table.userId)],
);

export type UserSessionRow = typeof userSessions.$inferSelect;

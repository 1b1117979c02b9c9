import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { dataKeys } from "./data-keys";
import { organisations } from "./organisations";

export const userRole = pgEnum("user_role", ["landlord", "property_manager", "support_agent", "admin"]);

/**
 * Our customers' and staff's accounts. Email and name stay readable (we must mail them and staff must
 * find them); applicants' personal data lives in `subjects`, encrypted per subject.
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: userRole("role").notNull(),
    name: text("name").notNull(),
    /** Stored lower-cased and trimmed; unique. */
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    /** Bumped to end every existing session at once (logout everywhere, password or role change, disable). */
    sessionVersion: integer("session_version").notNull().default(1),
    /** TOTP secret sealed under the user's data key. */
    totpSecretEncrypted: text("totp_secret_encrypted"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** Last accepted TOTP time step, so a code cannot be replayed within its window. */
    totpLastStep: integer("totp_last_step"),
    dataKeyId: uuid("data_key_id").references(() => dataKeys.id),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lastFailedLoginAt: timestamp("last_failed_login_at", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("users_email_key").on(sql`lower(${table.email})`),
    index("users_organisation_idx").on(table.organisationId),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type UserRole = (typeof userRole.enumValues)[number];

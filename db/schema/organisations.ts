import { integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** individual: a solo landlord; agency: a letting agency with members; internal: our own staff. */
export const organisationKind = pgEnum("organisation_kind", ["individual", "agency", "internal"]);

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  kind: organisationKind("kind").notNull(),
  /** Set by the Property Manager; null means no cap beyond the rate limits. */
  monthlyEnquiryCap: integer("monthly_enquiry_cap"),
  reportReuseDays: integer("report_reuse_days").notNull().default(30),
  /** SIM-swap guard: WhatsApp links older than this many days must be proven again; null = never. */
  whatsappRelinkDays: integer("whatsapp_relink_days"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
});

export type OrganisationRow = typeof organisations.$inferSelect;

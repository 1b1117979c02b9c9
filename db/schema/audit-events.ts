import { bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const auditOutcome = pgEnum("audit_outcome", ["success", "failure", "denied"]);
export const auditChannel = pgEnum("audit_channel", ["web", "api", "whatsapp", "system"]);

/**
 * Append-only, hash-chained record of who did what. A trigger (migration 0001) rejects UPDATE and
 * DELETE; `hash = sha256(prev_hash || canonical row)` makes any edit made around the trigger visible
 * to `npm run audit:verify`. Metadata never holds personal data in clear.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    organisationId: uuid("organisation_id"),
    action: text("action").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id"),
    outcome: auditOutcome("outcome").notNull(),
    channel: auditChannel("channel").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (table) => [
    index("audit_events_organisation_idx").on(table.organisationId, table.occurredAt),
    index("audit_events_resource_idx").on(table.resourceType, table.resourceId),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;

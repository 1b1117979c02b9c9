import { eq } from "drizzle-orm";
import type { Database, DbExecutor } from "./client";
import { auditEvents } from "./schema";
import { recordAuditEvent, SYSTEM_AUDIT_CONTEXT } from "@/lib/audit/record-audit-event";

export type DemoSeeder = (db: DbExecutor) => Promise<void>;

/**
 * Seeders later features register for the embedded/dev database: demo accounts, sample enquiries.
 * Listed in order; each one is written to be idempotent.
 */
export const DEMO_SEEDERS: Array<{ name: string; seed: DemoSeeder }> = [];

const SEED_ACTION = "system.demo-seed";

/** Seeds demo data once per database; the audit log itself records that it happened (and is the marker). */
export async function seedDemoData(db: Database, options: { production: boolean }): Promise<"seeded" | "already-seeded"> {
  if (options.production) throw new Error("Demo data is never seeded in production");
  const [done] = await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, SEED_ACTION)).limit(1);
  if (done) return "already-seeded";
  await db.transaction(async (tx) => {
    for (const seeder of DEMO_SEEDERS) await seeder.seed(tx);
    await recordAuditEvent(tx, SYSTEM_AUDIT_CONTEXT, {
      action: SEED_ACTION,
      resourceType: "database",
      metadata: { seeders: DEMO_SEEDERS.map((seeder) => seeder.name) },
    });
  });
  return "seeded";
}

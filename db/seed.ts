import { and, eq } from "drizzle-orm";
import type { Database, DbExecutor } from "./client";
import { auditEvents } from "./schema";
import { recordAuditEvent, SYSTEM_AUDIT_CONTEXT } from "@/lib/audit/record-audit-event";
import { seedDemoAccounts } from "@/lib/accounts/demo-accounts";
import { seedDemoCannedReplies } from "@/lib/support/demo-canned-replies";

export type DemoSeeder = (db: DbExecutor) => Promise<void>;

/** Demo data for the embedded/dev database, in order. Later features append their seeders here. */
export const DEMO_SEEDERS: Array<{ name: string; seed: DemoSeeder }> = [
  { name: "demo-accounts", seed: seedDemoAccounts },
  { name: "demo-canned-replies", seed: seedDemoCannedReplies },
];

const SEED_ACTION = "system.demo-seed";

/**
 * Runs each seeder once per database; the audit log records that it ran (and is the marker), so a
 * seeder added later still runs on an existing dev database. Never in production.
 */
export async function seedDemoData(db: Database, options: { production: boolean }): Promise<string[]> {
  if (options.production) throw new Error("Demo data is never seeded in production");
  const ran: string[] = [];
  for (const seeder of DEMO_SEEDERS) {
    const [done] = await db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, SEED_ACTION), eq(auditEvents.resourceId, seeder.name)))
      .limit(1);
    if (done) continue;
    await db.transaction(async (tx) => {
      await seeder.seed(tx);
      await recordAuditEvent(tx, SYSTEM_AUDIT_CONTEXT, { action: SEED_ACTION, resourceType: "seeder", resourceId: seeder.name });
    });
    ran.push(seeder.name);
  }
  return ran;
}

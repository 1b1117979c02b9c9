import { desc, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { GENESIS_HASH, chainHash, type ChainedFields } from "./hash-chain";

/** Who acted and from where; built once per request by the entry-point wrapper. */
export interface AuditContext {
  actorType: "user" | "api-token" | "system" | "whatsapp" | "anonymous";
  actorId?: string | null;
  organisationId?: string | null;
  channel: "web" | "api" | "whatsapp" | "system";
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

export interface AuditEventInput {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  outcome?: "success" | "failure" | "denied";
  /** Never personal data in clear: ids, counts, codes. */
  metadata?: Record<string, unknown>;
}

/** Serialises chain appends across connections and instances; held until the transaction ends. */
const AUDIT_CHAIN_LOCK = 0x7e4a17;

/**
 * Appends one event to the hash chain. Pass the transaction of the change being audited so the
 * change and its record commit or roll back together.
 */
export async function recordAuditEvent(executor: DbExecutor, context: AuditContext, event: AuditEventInput) {
  return executor.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    const fields = {
      occurredAt: new Date(),
      actorType: context.actorType,
      actorId: context.actorId ?? null,
      organisationId: context.organisationId ?? null,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId ?? null,
      outcome: event.outcome ?? ("success" as const),
      channel: context.channel,
      ip: context.ip ?? null,
      userAgent: context.userAgent ?? null,
      requestId: context.requestId ?? null,
      metadata: event.metadata ?? {},
      prevHash: last?.hash ?? GENESIS_HASH,
    } satisfies ChainedFields;
    const hash = await chainHash(fields);
    const [row] = await tx
      .insert(auditEvents)
      .values({ ...fields, hash })
      .returning({ id: auditEvents.id, hash: auditEvents.hash });
    if (!row) throw new Error("audit event insert returned no row");
    return row;
  });
}

export const SYSTEM_AUDIT_CONTEXT: AuditContext = { actorType: "system", channel: "system" };

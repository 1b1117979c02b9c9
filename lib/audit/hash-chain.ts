import { toHex, utf8 } from "@/lib/crypto/encoding";

export const GENESIS_HASH = "0".repeat(64);

/** The fields a chain hash covers, in a fixed order; `id` is left out because the database assigns it. */
export interface ChainedFields {
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  organisationId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
  channel: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  metadata: unknown;
  prevHash: string;
}

/** JSON with object keys sorted at every depth, so jsonb's own key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function canonicalRow(fields: ChainedFields): string {
  return canonicalJson([
    fields.occurredAt.toISOString(),
    fields.actorType,
    fields.actorId,
    fields.organisationId,
    fields.action,
    fields.resourceType,
    fields.resourceId,
    fields.outcome,
    fields.channel,
    fields.ip,
    fields.userAgent,
    fields.requestId,
    fields.metadata,
  ]);
}

export async function chainHash(fields: ChainedFields): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", utf8.encode(`${fields.prevHash}\n${canonicalRow(fields)}`));
  return toHex(digest);
}

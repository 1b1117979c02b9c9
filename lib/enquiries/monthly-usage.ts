import { and, count, eq, gte } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { enquiries } from "@/db/schema";

/** The first instant of the current calendar month in South Africa (UTC+2, no daylight saving). */
export function startOfMonthSast(now = new Date()): Date {
  const sast = new Date(now.getTime() + 2 * 3_600_000);
  return new Date(Date.UTC(sast.getUTCFullYear(), sast.getUTCMonth(), 1) - 2 * 3_600_000);
}

export async function countEnquiriesThisMonth(db: DbExecutor, organisationId: string, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(enquiries)
    .where(and(eq(enquiries.organisationId, organisationId), gte(enquiries.createdAt, startOfMonthSast(now))));
  return row?.value ?? 0;
}

export async function billedEnquiriesThisMonth(db: DbExecutor, organisationId: string, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(enquiries)
    .where(and(eq(enquiries.organisationId, organisationId), eq(enquiries.billed, true), gte(enquiries.createdAt, startOfMonthSast(now))));
  return row?.value ?? 0;
}

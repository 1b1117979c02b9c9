import type { UserRole } from "@/db/schema";

/** Dates are shown in South African time on the server and in the browser alike (no hydration drift). */
const TIME_ZONE = "Africa/Johannesburg";

const dateTime = new Intl.DateTimeFormat("en-ZA", { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE });
const dateOnly = new Intl.DateTimeFormat("en-ZA", { dateStyle: "medium", timeZone: TIME_ZONE });

function toDate(value: Date | string | null | undefined): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function formatDateTime(value: Date | string | null | undefined, fallback = "—"): string {
  const date = toDate(value);
  return date ? dateTime.format(date) : fallback;
}

export function formatDate(value: Date | string | null | undefined, fallback = "—"): string {
  const date = toDate(value);
  return date ? dateOnly.format(date) : fallback;
}

export const ROLE_LABELS: Record<UserRole, string> = {
  landlord: "Landlord",
  property_manager: "Property manager",
  support_agent: "Support agent",
  admin: "Admin",
};

export function roleLabel(role: UserRole): string {
  return ROLE_LABELS[role];
}

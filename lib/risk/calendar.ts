/**
 * Month arithmetic on the bureau's "YYYY-MM" periods and "YYYY-MM-DD" dates, counted in UTC months
 * from `asOf` (the sandbox counts the same way). No clock is read here.
 */
import { RECENT_MONTHS, WINDOW_MONTHS } from "./weights";

/** "recent": months 0-12 back (and anything dated after asOf); "prior": 13-24; "older": beyond. */
export type Recency = "recent" | "prior" | "older";

const MONTH_PREFIX = /^(\d{4})-(\d{2})/;

function monthNumber(year: number, monthIndex0: number): number {
  return year * 12 + monthIndex0;
}

/** The month of `asOf` as a running month number. */
export function asOfMonth(asOf: Date): number {
  return monthNumber(asOf.getUTCFullYear(), asOf.getUTCMonth());
}

/** Months between the month of `value` ("YYYY-MM" or "YYYY-MM-DD") and `asOfMonthNumber`; null when unreadable. */
export function monthsAgo(value: string, asOfMonthNumber: number): number | null {
  const match = MONTH_PREFIX.exec(value);
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return asOfMonthNumber - monthNumber(Number(match[1]), month - 1);
}

/** An unreadable date counts as recent: the model never gives less weight to a fact because its date is garbled. */
export function recencyOf(value: string, asOfMonthNumber: number): Recency {
  const ago = monthsAgo(value, asOfMonthNumber);
  if (ago === null || ago <= RECENT_MONTHS) return "recent";
  return ago <= WINDOW_MONTHS ? "prior" : "older";
}

/** "YYYY-MM" of a running month number. */
export function periodOf(monthNumberValue: number): string {
  const year = Math.floor(monthNumberValue / 12);
  const month = monthNumberValue - year * 12 + 1;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

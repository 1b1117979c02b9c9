/**
 * Calendar dates (no time, no zone) for identity rules. "Today" is the date in South Africa (SAST is
 * UTC+2 all year, no daylight saving), so a birthday or registration dated today is never "in the
 * future" for a South African user at 01:00. Every rule takes `today` as a parameter so tests pin it.
 */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const SAST_OFFSET_MS = 2 * 60 * 60 * 1000;

export function calendarDateInSouthAfrica(instant: Date = new Date()): CalendarDate {
  const shifted = new Date(instant.getTime() + SAST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (leap years included). setUTCFullYear, unlike
  // Date.UTC, does not turn years 0-99 into 1900-1999.
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  return day <= lastDay.getUTCDate();
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Whole years from `birth` to `on` (a birthday on 29 February counts from 1 March in other years). */
export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

export function formatIsoDate(date: CalendarDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Parses `YYYY-MM-DD` into its parts; `null` when the shape is wrong (the date may still be unreal). */
export function parseIsoDateParts(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

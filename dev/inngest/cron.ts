/**
 * Hand-written 5-field cron matcher (minute hour day-of-month month day-of-week), the format the
 * SDK registers for `{ cron }` triggers (InngestFunction.ts getConfigTriggers). Supports `*`, `?`,
 * values, ranges, steps (`*\/15`, `1-30/5`, `5/10`), lists, month/day names, 7 = Sunday, the usual
 * `@hourly`-style macros and a `TZ=Area/City ` (or `CRON_TZ=`) prefix; times are UTC otherwise.
 * Day-of-month and day-of-week follow Vixie cron: if both are restricted, either may match.
 */
export class CronError extends Error {
  override name = "CronError";
}

interface FieldSpec {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };
const DAYS = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };

const FIELDS: FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 7, names: DAYS },
];

const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

export interface CronSchedule {
  readonly source: string;
  readonly timezone: string | undefined;
  /** True if the minute containing `date` is a scheduled minute. */
  matches(date: Date): boolean;
}

function parseValue(text: string, spec: FieldSpec): number {
  const named = spec.names?.[text.toUpperCase()];
  const value = named ?? (/^\d+$/.test(text) ? Number(text) : Number.NaN);
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
    throw new CronError(`value "${text}" out of range ${spec.min}-${spec.max}`);
  }
  return value;
}

function parseField(text: string, spec: FieldSpec): { values: Set<number>; wildcard: boolean } {
  const values = new Set<number>();
  let wildcard = false;
  for (const part of text.split(",")) {
    const [rangeText = "", stepText, extra] = part.split("/");
    if (extra !== undefined || rangeText === "") throw new CronError(`bad field "${text}"`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronError(`bad step in "${part}"`);
    let from: number;
    let to: number;
    if (rangeText === "*" || rangeText === "?") {
      from = spec.min;
      to = spec.max;
      if (step === 1) wildcard = true; // robfig/cron: a step > 1 clears the "star" bit
    } else if (rangeText.includes("-")) {
      const [a = "", b = ""] = rangeText.split("-");
      from = parseValue(a, spec);
      to = parseValue(b, spec);
      if (from > to) throw new CronError(`bad range "${rangeText}"`);
    } else {
      from = parseValue(rangeText, spec);
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, wildcard };
}

interface Parts {
  minute: number;
  hour: number;
  day: number;
  month: number;
  weekday: number;
}

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function partsIn(date: Date, timezone: string | undefined, format: Intl.DateTimeFormat | undefined): Parts {
  if (!timezone || !format) {
    return {
      minute: date.getUTCMinutes(),
      hour: date.getUTCHours(),
      day: date.getUTCDate(),
      month: date.getUTCMonth() + 1,
      weekday: date.getUTCDay(),
    };
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => format.formatToParts(date).find((p) => p.type === type)?.value ?? "";
  return {
    minute: Number(get("minute")),
    hour: Number(get("hour")) % 24,
    day: Number(get("day")),
    month: Number(get("month")),
    weekday: WEEKDAY_INDEX[get("weekday")] ?? 0,
  };
}

export function parseCron(expression: string): CronSchedule {
  let text = expression.trim();
  let timezone: string | undefined;
  const tz = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(text);
  if (tz?.[1] && tz[2] !== undefined) {
    timezone = tz[1];
    text = tz[2].trim();
  }
  text = MACROS[text.toLowerCase()] ?? text;
  const fields = text.split(/\s+/);
  if (fields.length !== 5) throw new CronError(`expected 5 fields, got ${fields.length}`);
  const [minute, hour, day, month, weekday] = fields.map((field, i) => {
    const spec = FIELDS[i];
    if (!spec) throw new CronError("too many fields");
    return parseField(field, spec);
  });
  if (!minute || !hour || !day || !month || !weekday) throw new CronError("missing field");
  if (weekday.values.has(7)) weekday.values.add(0);

  let format: Intl.DateTimeFormat | undefined;
  if (timezone) {
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone: timezone,
        hourCycle: "h23",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        weekday: "short",
      });
    } catch {
      throw new CronError(`unknown time zone "${timezone}"`);
    }
  }

  return {
    source: expression,
    timezone,
    matches(date: Date): boolean {
      const p = partsIn(date, timezone, format);
      if (!minute.values.has(p.minute) || !hour.values.has(p.hour) || !month.values.has(p.month)) return false;
      const dayOk = day.values.has(p.day);
      const weekdayOk = weekday.values.has(p.weekday);
      if (day.wildcard || weekday.wildcard) return dayOk && weekdayOk;
      return dayOk || weekdayOk;
    },
  };
}

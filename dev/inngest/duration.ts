/**
 * Time strings as the SDK sends them. `timeStr()` in the SDK (src/helpers/strings.ts) renders
 * durations as `<n>w<n>d<n>h<n>m<n>s` (e.g. "1h", "2h30m10s") and absolute times as ISO strings
 * (`step.sleepUntil`, Date timeouts). Retry-After is whole seconds (RetryAfterError.ts) or a date.
 */
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parses "1h30m", "500ms", "2d", "1.5h", "90" (seconds are not assumed: bare numbers are ms). */
export function parseDuration(input: string): number | undefined {
  const text = input.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const pattern = /(\d+(?:\.\d+)?)(ms|w|d|h|m|s)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(pattern)) {
    const [whole, amount, unit] = match;
    const perUnit = unit === undefined ? undefined : UNIT_MS[unit];
    if (amount === undefined || perUnit === undefined) return undefined;
    total += Number(amount) * perUnit;
    consumed += whole.length;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}

/** Wake-up time for a Sleep op / wait timeout: a duration from `now`, or an absolute ISO time. */
export function resolveDeadline(value: string, now: number): number | undefined {
  const duration = parseDuration(value);
  if (duration !== undefined) return now + duration;
  const absolute = Date.parse(value);
  return Number.isNaN(absolute) ? undefined : absolute;
}

/** `retry-after` header: whole seconds (what the SDK sends) or an HTTP/ISO date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1_000;
  const absolute = Date.parse(value);
  return Number.isNaN(absolute) ? undefined : Math.max(0, absolute - now);
}

/** Formatting for sentences and evidence: rand the South African way, months as "YYYY-MM". */

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** "R 45 000", "R 2 340.50" (space as thousands separator, cents only when there are any), "-R 1 200". */
export function formatRand(amount: number): string {
  if (!Number.isFinite(amount)) return "R ?";
  const cents = Math.round(Math.abs(amount) * 100);
  const rands = Math.floor(cents / 100);
  const rest = cents % 100;
  const text = `R ${groupThousands(String(rands))}${rest === 0 ? "" : `.${String(rest).padStart(2, "0")}`}`;
  return amount < 0 && cents !== 0 ? `-${text}` : text;
}

/** "2024-03-15" -> "2024-03"; anything that does not start with a month is returned as given. */
export function formatMonth(date: string): string {
  const match = /^(\d{4}-\d{2})/.exec(date);
  return match?.[1] ?? date;
}

/** "30%", "34.5%": one decimal only when needed. */
export function formatPercent(ratio: number): string {
  const tenths = Math.round(ratio * 1000);
  return `${tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1)}%`;
}

/** "1 month", "3 months". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "was" or "were" for a count. */
export function wasWere(n: number): string {
  return n === 1 ? "was" : "were";
}

/** "Telecoms" from "TELECOMS", "business rescue" from "BUSINESS_RESCUE" (lower case). */
export function words(code: string): string {
  return code.toLowerCase().replace(/_/g, " ");
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

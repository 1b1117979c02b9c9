const rand = new Intl.NumberFormat("en-ZA", { style: "currency", currency: "ZAR" });

export function formatRand(value: number | null | undefined, fallback = "—"): string {
  return value === null || value === undefined ? fallback : rand.format(value);
}

export type ParsedAmount = { ok: true; value: number | undefined } | { ok: false; message: string };

/**
 * An amount in rand as people type it: "8500", "8 500", "8,500.50", "8500,50", "R 8 500". Empty is
 * allowed (the amounts are optional). The limits mirror the API (more than R 0, at most R 10 million,
 * two decimals).
 */
export function parseRandAmount(input: string, label: string): ParsedAmount {
  let text = input.replace(/[\s\u00a0]/g, "").replace(/^R/i, "");
  if (text === "") return { ok: true, value: undefined };
  if (text.includes(",") && text.includes(".")) text = text.replace(/,/g, "");
  else if (/,\d{3}(,\d{3})*$/.test(text)) text = text.replace(/,/g, "");
  else text = text.replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return { ok: false, message: `${label} is an amount in rand, e.g. 8500 or 8500.50.` };
  const value = Number(text);
  if (value <= 0) return { ok: false, message: `${label} must be more than R 0.` };
  if (value > 10_000_000) return { ok: false, message: `${label} looks too large.` };
  return { ok: true, value };
}

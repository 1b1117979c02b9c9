/**
 * The rental payment profile: every month the bureau reports in the last 24 (from every lease) is
 * scored by its classification, the last 12 months weighing more than the 12 before; older months
 * are not scored. Points count adverse months (never a share of all months), so an extra on-time month
 * can never cost points and an extra adverse month can never earn any.
 */
import type { ConsumerReport } from "@/lib/tpn/types";
import { periodOf, recencyOf } from "../calendar";
import { count, formatRand, wasWere } from "../format";
import { reason, type FactorResult } from "../reason";
import type { Reason, ReasonCode, ReasonSeverity } from "../types";
import { GOOD_HISTORY_MIN_MONTHS, RENT_MONTH_POINTS, THIN_FILE_CREDIT_PER_GOOD_MONTH, THIN_FILE_POINTS, WINDOW_MONTHS } from "../weights";

type RentalRecord = NonNullable<ConsumerReport["rentalPaymentProfile"]>[number];
type Month = RentalRecord["months"][number];
type Classification = Month["classification"];
type AdverseClassification = Exclude<Classification, "PAID_ON_TIME">;

interface ScoredMonth {
  month: Month;
  recency: "recent" | "prior";
}

const ADVERSE: { classification: AdverseClassification; code: ReasonCode; severity: ReasonSeverity; verb: string }[] = [
  { classification: "DID_NOT_PAY", code: "RENT_NOT_PAID", severity: "HIGH", verb: "not paid at all" },
  { classification: "PARTIALLY_PAID", code: "RENT_PARTIALLY_PAID", severity: "MEDIUM", verb: "paid only in part" },
  { classification: "PAID_LATE", code: "RENT_PAID_LATE", severity: "MEDIUM", verb: "paid late" },
  { classification: "GRACE_PERIOD", code: "RENT_GRACE_PERIOD", severity: "LOW", verb: "paid within the grace period" },
];

function monthEvidence({ period, classification, amountDue, amountPaid }: Month): string {
  switch (classification) {
    case "DID_NOT_PAY":
      return `${period}: not paid, ${formatRand(amountDue)} due`;
    case "PARTIALLY_PAID":
      return `${period}: ${formatRand(amountPaid)} of ${formatRand(amountDue)} paid`;
    case "PAID_LATE":
      return `${period}: paid late, ${formatRand(amountDue)} due`;
    case "GRACE_PERIOD":
      return `${period}: paid in the grace period, ${formatRand(amountDue)} due`;
    case "PAID_ON_TIME":
      return `${period}: paid on time, ${formatRand(amountDue)} due`;
  }
}

/** "4 of the 12 rent payments in the last 12 months were paid late, and 2 of the 12 in the 12 months before." */
function adverseSentence(verb: string, recentHits: number, recentTotal: number, priorHits: number, priorTotal: number): string {
  if (recentHits > 0) {
    const recent =
      recentTotal === 1
        ? `The only rent payment in the last 12 months was ${verb}`
        : `${recentHits} of the ${recentTotal} rent payments in the last 12 months ${wasWere(recentHits)} ${verb}`;
    if (priorHits === 0) return `${recent}.`;
    return priorTotal === 1 ? `${recent}, and so was the only one 13 to 24 months ago.` : `${recent}, and ${priorHits} of the ${priorTotal} in the 12 months before.`;
  }
  const prior =
    priorTotal === 1
      ? `The only rent payment 13 to 24 months ago was ${verb}`
      : `${priorHits} of the ${priorTotal} rent payments 13 to 24 months ago ${wasWere(priorHits)} ${verb}`;
  return recentTotal > 0 ? `${prior}; none in the last 12 months.` : `${prior}.`;
}

function periodRange(months: readonly ScoredMonth[]): string {
  const periods = months.map(({ month }) => month.period).sort();
  const first = periods[0];
  const last = periods[periods.length - 1];
  return first === last ? (first ?? "") : `${first ?? ""} to ${last ?? ""}`;
}

export function rentalHistoryFactor(records: readonly RentalRecord[], asOfMonthNumber: number): FactorResult {
  const all = records.flatMap((record) => record.months);
  const scored: ScoredMonth[] = [];
  let olderMonths = 0;
  for (const month of all) {
    const recency = recencyOf(month.period, asOfMonthNumber);
    if (recency === "older") olderMonths += 1;
    else scored.push({ month, recency });
  }
  // Newest first across leases (the contract orders each lease's months newest first).
  scored.sort((a, b) => (a.month.period < b.month.period ? 1 : a.month.period > b.month.period ? -1 : 0));

  const recentTotal = scored.filter((item) => item.recency === "recent").length;
  const priorTotal = scored.length - recentTotal;
  const reasons: Reason[] = [];

  for (const { classification, code, severity, verb } of ADVERSE) {
    const hits = scored.filter((item) => item.month.classification === classification);
    if (hits.length === 0) continue;
    const recentHits = hits.filter((item) => item.recency === "recent").length;
    const priorHits = hits.length - recentHits;
    const weights = RENT_MONTH_POINTS[classification];
    const deducted = Math.min(weights.cap, recentHits * weights.recent + priorHits * weights.prior);
    reasons.push(reason(code, severity, adverseSentence(verb, recentHits, recentTotal, priorHits, priorTotal), hits.map((item) => monthEvidence(item.month)), deducted));
  }

  const good = scored.filter((item) => item.month.classification === "PAID_ON_TIME" || item.month.classification === "GRACE_PERIOD");
  const thin = Math.max(0, THIN_FILE_POINTS - THIN_FILE_CREDIT_PER_GOOD_MONTH * good.length);
  if (scored.length === 0) {
    const evidence = [`No rent months reported for the ${WINDOW_MONTHS} months before ${periodOf(asOfMonthNumber)}`];
    if (olderMonths > 0) evidence.push(`${count(olderMonths, "older month")} reported, beyond the ${WINDOW_MONTHS} months the model scores`);
    reasons.push(reason("NO_RENTAL_HISTORY", "MEDIUM", "TPN holds no rental payment history for the last 24 months, so there is no track record of paying rent.", evidence, thin));
  } else if (thin > 0) {
    const sentence =
      good.length === 0
        ? `None of the ${count(scored.length, "rent payment")} reported for the last 24 months was paid on time, so there is no track record of paying rent on time.`
        : `Only ${count(good.length, "rent payment")} in the last 24 months ${wasWere(good.length)} paid on time or within the grace period: a short track record.`;
    const evidence = [`${good.length} of ${count(scored.length, "month")} reported for ${periodRange(scored)} paid on time or within the grace period`];
    reasons.push(reason("LIMITED_RENTAL_HISTORY", "LOW", sentence, evidence, thin));
  }

  if (scored.length >= GOOD_HISTORY_MIN_MONTHS && good.length === scored.length) {
    const grace = good.filter((item) => item.month.classification === "GRACE_PERIOD").length;
    const onTime = good.length - grace;
    const sentence =
      grace === 0
        ? `All ${scored.length} rent payments reported for the last 24 months were paid on time.`
        : `All ${scored.length} rent payments reported for the last 24 months were paid on time or within the grace period (${grace} in the grace period).`;
    const evidence = [`${periodRange(scored)}: ${onTime} paid on time${grace > 0 ? `, ${grace} in the grace period` : ""}`];
    reasons.push(reason("GOOD_PAYMENT_HISTORY", "POSITIVE", sentence, evidence, 0));
  }

  return { factor: "RENTAL_HISTORY", reasons };
}

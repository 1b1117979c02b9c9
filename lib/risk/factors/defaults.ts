/**
 * Defaults (accounts a creditor has listed as not paid). Active ones deduct by how recently they
 * were listed, more when the creditor is a landlord (category RENTAL); paid ones listed in the last
 * 24 months deduct a little; disputed ones are not scored while the dispute is open.
 */
import type { ConsumerReport } from "@/lib/tpn/types";
import { recencyOf } from "../calendar";
import { formatMonth, formatRand, sum, words } from "../format";
import { reason, type FactorResult } from "../reason";
import { subjectNoun } from "../subject";
import type { Reason, SubjectType } from "../types";
import { ACTIVE_DEFAULT_POINTS, PAID_DEFAULT_POINTS } from "../weights";

type Default = NonNullable<ConsumerReport["defaults"]>[number];

/** "rental ", "telecoms ", or "" for OTHER / no category. */
function categoryAdjective(item: Default): string {
  return item.category && item.category !== "OTHER" ? `${words(item.category)} ` : "";
}

function evidence(item: Default, status: string): string {
  return `${status} ${categoryAdjective(item)}default of ${formatRand(item.amount)}, listed ${formatMonth(item.listedAt)}`;
}

export function defaultsFactor(defaults: readonly Default[], asOfMonthNumber: number, type: SubjectType): FactorResult {
  const reasons: Reason[] = [];
  const against = `against ${subjectNoun(type)}`;

  const active = defaults.filter((item) => item.status === "ACTIVE");
  if (active.length > 0) {
    const raw = sum(
      active.map((item) => ACTIVE_DEFAULT_POINTS[recencyOf(item.listedAt, asOfMonthNumber)] + (item.category === "RENTAL" ? ACTIVE_DEFAULT_POINTS.rentalExtra : 0)),
    );
    const rental = active.filter((item) => item.category === "RENTAL").length;
    const first = active[0];
    const sentence =
      active.length === 1 && first
        ? `An unpaid ${categoryAdjective(first)}default of ${formatRand(first.amount)} is listed ${against}.`
        : `${active.length} unpaid defaults totalling ${formatRand(sum(active.map((item) => item.amount)))} are listed ${against}${rental > 0 ? `, ${rental} of them for rent` : ""}.`;
    reasons.push(reason("ACTIVE_DEFAULT", "HIGH", sentence, active.map((item) => evidence(item, "Active")), Math.min(ACTIVE_DEFAULT_POINTS.cap, raw)));
  }

  const paid = defaults.filter((item) => item.status === "PAID" && recencyOf(item.listedAt, asOfMonthNumber) !== "older");
  if (paid.length > 0) {
    const sentence =
      paid.length === 1
        ? "A default listed in the last 24 months has since been paid."
        : `${paid.length} defaults listed in the last 24 months have since been paid.`;
    const deducted = Math.min(PAID_DEFAULT_POINTS.cap, paid.length * PAID_DEFAULT_POINTS.withinWindow);
    reasons.push(reason("PAID_DEFAULT", "LOW", sentence, paid.map((item) => evidence(item, "Paid")), deducted));
  }

  return { factor: "DEFAULTS", reasons };
}

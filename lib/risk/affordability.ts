/**
 * Affordability: the rent as a share of the applicant's declared gross monthly income. At most 30% is
 * affordable, more than 30% up to 40% stretched, more than 40% unaffordable. Compared in whole cents,
 * so the thresholds are exact (R 9 000 on R 30 000 is affordable, R 9 000.01 is stretched).
 */
import { formatPercent, formatRand } from "./format";
import { reason, type FactorResult } from "./reason";
import type { Affordability, AffordabilityVerdict } from "./types";
import { AFFORDABILITY } from "./weights";

const cents = (amount: number) => Math.round(amount * 100);

export function affordabilityVerdict(monthlyRent: number, grossMonthlyIncome: number): AffordabilityVerdict {
  const rentTimes100 = cents(monthlyRent) * 100;
  const income = cents(grossMonthlyIncome);
  if (rentTimes100 <= income * AFFORDABILITY.affordableUpToPercent) return "AFFORDABLE";
  if (rentTimes100 <= income * AFFORDABILITY.stretchedUpToPercent) return "STRETCHED";
  return "UNAFFORDABLE";
}

/** "35%", or "just over 30%" when rounding would show the threshold the rent is above. */
function shareText(ratio: number, verdict: AffordabilityVerdict): string {
  const tenths = Math.round(ratio * 1000);
  if (verdict === "STRETCHED" && tenths <= AFFORDABILITY.affordableUpToPercent * 10) return `just over ${AFFORDABILITY.affordableUpToPercent}%`;
  if (verdict === "UNAFFORDABLE" && tenths <= AFFORDABILITY.stretchedUpToPercent * 10) return `just over ${AFFORDABILITY.stretchedUpToPercent}%`;
  return formatPercent(ratio);
}

const VERDICT_TEXT: Record<AffordabilityVerdict, string> = {
  AFFORDABLE: `affordable (${AFFORDABILITY.affordableUpToPercent}% or less)`,
  STRETCHED: `stretched (more than ${AFFORDABILITY.affordableUpToPercent}%, up to ${AFFORDABILITY.stretchedUpToPercent}%)`,
  UNAFFORDABLE: `unaffordable (more than ${AFFORDABILITY.stretchedUpToPercent}%)`,
};

export function assessAffordability(monthlyRent: number, grossMonthlyIncome: number): { affordability: Affordability; factor: FactorResult } {
  const ratio = monthlyRent / grossMonthlyIncome;
  const verdict = affordabilityVerdict(monthlyRent, grossMonthlyIncome);
  const share = shareText(ratio, verdict);
  const rent = formatRand(monthlyRent);
  const income = formatRand(grossMonthlyIncome);
  const affordability: Affordability = {
    rentToIncomeRatio: Math.round(ratio * 10_000) / 10_000,
    verdict,
    sentence: `The rent of ${rent} is ${share} of the declared gross monthly income of ${income}: ${VERDICT_TEXT[verdict]}.`,
  };
  const evidence = [`Monthly rent: ${rent}`, `Declared gross monthly income: ${income}`, `Rent to income: ${share}`];
  const reasons =
    verdict === "UNAFFORDABLE"
      ? [
          reason(
            "RENT_UNAFFORDABLE",
            "MEDIUM",
            `The rent of ${rent} takes ${share} of the declared gross monthly income of ${income}, more than the ${AFFORDABILITY.stretchedUpToPercent}% a household can usually sustain.`,
            evidence,
            AFFORDABILITY.unaffordablePoints,
          ),
        ]
      : verdict === "STRETCHED"
        ? [
            reason(
              "RENT_STRETCHED",
              "MEDIUM",
              `The rent of ${rent} takes ${share} of the declared gross monthly income of ${income}, more than the ${AFFORDABILITY.affordableUpToPercent}% that is comfortably affordable.`,
              evidence,
              AFFORDABILITY.stretchedPoints,
            ),
          ]
        : [];
  return { affordability, factor: { factor: "AFFORDABILITY", reasons } };
}

/**
 * Credit exposure (consumer reports): arrears on credit accounts now and at worst over 24 months,
 * and, when the applicant declared an income, how much of it credit instalments already take.
 */
import type { ConsumerReport } from "@/lib/tpn/types";
import { count, formatPercent, formatRand } from "../format";
import { reason, type FactorResult } from "../reason";
import type { Reason } from "../types";
import { CREDIT_ARREARS_POINTS, CREDIT_UTILISATION } from "../weights";

type CreditExposure = NonNullable<ConsumerReport["creditExposure"]>;

const cents = (amount: number) => Math.round(amount * 100);

export function creditFactor(exposure: CreditExposure | undefined, grossMonthlyIncome: number | undefined): FactorResult {
  const reasons: Reason[] = [];
  const arrears = Math.max(0, exposure?.arrearsAmount ?? 0);
  const worst = Math.max(0, Math.floor(exposure?.worstArrearsMonths ?? 0));

  if (arrears > 0 || worst > 0) {
    const deducted = Math.min(CREDIT_ARREARS_POINTS.cap, (arrears > 0 ? CREDIT_ARREARS_POINTS.currentArrears : 0) + worst * CREDIT_ARREARS_POINTS.perWorstArrearsMonth);
    const behind = `payments fell up to ${count(worst, "month")} behind in the last 24 months`;
    const sentence =
      arrears > 0 && worst > 0
        ? `Credit accounts are ${formatRand(arrears)} in arrears, and ${behind}.`
        : arrears > 0
          ? `Credit accounts are ${formatRand(arrears)} in arrears.`
          : `Credit ${behind}; nothing is in arrears now.`;
    const evidence = [
      ...(arrears > 0 ? [`Arrears on credit accounts: ${formatRand(arrears)}`] : []),
      ...(worst > 0 ? [`Worst arrears in the last 24 months: ${count(worst, "month")}`] : []),
    ];
    reasons.push(reason("CREDIT_ARREARS", "MEDIUM", sentence, evidence, deducted));
  }

  const instalments = Math.max(0, exposure?.monthlyInstalments ?? 0);
  if (grossMonthlyIncome !== undefined && instalments > 0) {
    const percentTimesIncome = cents(instalments) * 100;
    const income = cents(grossMonthlyIncome);
    const deducted =
      percentTimesIncome > income * CREDIT_UTILISATION.veryHighAbovePercent
        ? CREDIT_UTILISATION.veryHighPoints
        : percentTimesIncome > income * CREDIT_UTILISATION.highAbovePercent
          ? CREDIT_UTILISATION.highPoints
          : 0;
    if (deducted > 0) {
      const threshold = deducted === CREDIT_UTILISATION.veryHighPoints ? CREDIT_UTILISATION.veryHighAbovePercent : CREDIT_UTILISATION.highAbovePercent;
      const ratio = instalments / grossMonthlyIncome;
      const share = Math.round(ratio * 1000) <= threshold * 10 ? `just over ${threshold}%` : formatPercent(ratio);
      const sentence = `Credit instalments of ${formatRand(instalments)} a month already take ${share} of the declared gross income of ${formatRand(grossMonthlyIncome)}.`;
      const evidence = [
        `Monthly credit instalments: ${formatRand(instalments)}${exposure?.openAccounts !== undefined ? ` on ${count(exposure.openAccounts, "open account")}` : ""}`,
        `Declared gross monthly income: ${formatRand(grossMonthlyIncome)}`,
      ];
      reasons.push(reason("HIGH_CREDIT_UTILISATION", "MEDIUM", sentence, evidence, deducted));
    }
  }

  return { factor: "CREDIT", reasons };
}

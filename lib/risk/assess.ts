/**
 * assessRisk: a TPN report (and, optionally, the rent and the applicant's declared income) in, an
 * explainable assessment out. Pure: no I/O and no clock; `asOf` fixes every "last 12 months", so the
 * same input always gives the same assessment.
 *
 * The score starts at 100 and every reason deducts a fixed number of points (capped per reason), so
 * more adverse information can only lower it and more on-time months can never lower it.
 */
import { assessAffordability } from "./affordability";
import { bandFor } from "./band";
import { asOfMonth } from "./calendar";
import { bureauGradeFactor } from "./factors/bureau-grade";
import { companyFactor } from "./factors/company";
import { creditFactor } from "./factors/credit";
import { defaultsFactor } from "./factors/defaults";
import { directorsFactor } from "./factors/directors";
import { fraudFactor } from "./factors/fraud";
import { identityFactor } from "./factors/identity";
import { judgmentsFactor } from "./factors/judgments";
import { noticesFactor } from "./factors/notices";
import { noRecordFactor } from "./factors/record";
import { rentalHistoryFactor } from "./factors/rental-history";
import { sum } from "./format";
import { orderReasons, type FactorResult } from "./reason";
import { recommend } from "./recommendation";
import { classifyReport } from "./subject";
import type { Affordability, FactorBreakdown, FactorKey, RiskAssessment, RiskInput } from "./types";
import { RISK_MODEL_VERSION } from "./version";
import { START_SCORE } from "./weights";

export const FACTOR_LABELS: Record<FactorKey, string> = {
  RECORD: "Bureau record",
  IDENTITY: "Identity verification",
  FRAUD: "Fraud alerts",
  COMPANY: "Company status",
  DIRECTORS: "Directors",
  RENTAL_HISTORY: "Rental payment history",
  DEFAULTS: "Defaults",
  JUDGMENTS: "Court judgments",
  NOTICES: "Legal notices",
  CREDIT: "Credit exposure",
  BUREAU_GRADE: "Bureau grade",
  AFFORDABILITY: "Affordability",
};

function checkAmount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a number of rand more than 0`);
}

export function assessRisk(input: RiskInput): RiskAssessment {
  const { asOf, monthlyRent, grossMonthlyIncome } = input;
  if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw new RangeError("asOf must be a valid date");
  checkAmount("monthlyRent", monthlyRent);
  checkAmount("grossMonthlyIncome", grossMonthlyIncome);

  const subject = classifyReport(input.report, input.subjectType);
  const month = asOfMonth(asOf);
  const factors: FactorResult[] = [];

  if (!subject.report.found) {
    factors.push(noRecordFactor(subject.type));
  } else if (subject.type === "individual") {
    const { report } = subject;
    factors.push(
      identityFactor(report),
      fraudFactor(report),
      rentalHistoryFactor(report.rentalPaymentProfile ?? [], month),
      defaultsFactor(report.defaults ?? [], month, subject.type),
      judgmentsFactor(report.judgments ?? [], month, subject.type),
      noticesFactor(report.notices ?? [], month, subject.type),
      creditFactor(report.creditExposure, grossMonthlyIncome),
      bureauGradeFactor(report.bureauGrade),
    );
  } else {
    const { report } = subject;
    factors.push(
      companyFactor(report),
      directorsFactor(report.directors ?? []),
      rentalHistoryFactor(report.rentalPaymentProfile ?? [], month),
      defaultsFactor(report.defaults ?? [], month, subject.type),
      judgmentsFactor(report.judgments ?? [], month, subject.type),
      noticesFactor(report.notices ?? [], month, subject.type),
      bureauGradeFactor(report.bureauGrade),
    );
  }

  let affordability: Affordability | undefined;
  if (monthlyRent !== undefined && grossMonthlyIncome !== undefined) {
    const assessed = assessAffordability(monthlyRent, grossMonthlyIncome);
    affordability = assessed.affordability;
    factors.push(assessed.factor);
  }

  const reasons = orderReasons(factors.flatMap((factor) => factor.reasons));
  const score = Math.max(0, Math.min(START_SCORE, START_SCORE + sum(reasons.map((item) => item.points))));
  const band = bandFor(score);
  const breakdown: FactorBreakdown[] = factors.map((factor) => ({
    factor: factor.factor,
    label: FACTOR_LABELS[factor.factor],
    points: sum(factor.reasons.map((item) => item.points)),
    reasonCodes: reasons.filter((item) => factor.reasons.includes(item)).map((item) => item.code),
  }));

  return {
    modelVersion: RISK_MODEL_VERSION,
    subjectType: subject.type,
    asOf: asOf.toISOString(),
    score,
    band,
    recommendation: recommend({ reasons, band, score, subjectType: subject.type }),
    reasons,
    ...(affordability ? { affordability } : {}),
    factors: breakdown,
  };
}

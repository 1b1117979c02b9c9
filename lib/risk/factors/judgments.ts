/**
 * Court judgments. Active (unpaid) ones deduct by how recently they were granted; satisfied (paid)
 * ones from the last 24 months are shown but deduct nothing; rescinded ones are void and not scored.
 */
import type { ConsumerReport } from "@/lib/tpn/types";
import { recencyOf } from "../calendar";
import { formatMonth, formatRand, sum } from "../format";
import { reason, type FactorResult } from "../reason";
import { subjectNoun } from "../subject";
import type { Reason, SubjectType } from "../types";
import { ACTIVE_JUDGMENT_POINTS, SATISFIED_JUDGMENT_POINTS } from "../weights";

type Judgment = NonNullable<ConsumerReport["judgments"]>[number];

/** The plaintiff is not quoted: it may be a private person. */
function evidence(item: Judgment, status: string): string {
  return `${status} judgment of ${formatRand(item.amount)} from ${formatMonth(item.judgmentDate)}, case ${item.caseNumber}, ${item.court}`;
}

export function judgmentsFactor(judgments: readonly Judgment[], asOfMonthNumber: number, type: SubjectType): FactorResult {
  const reasons: Reason[] = [];
  const against = `against ${subjectNoun(type)}`;

  const active = judgments.filter((item) => item.status === "ACTIVE");
  if (active.length > 0) {
    const raw = sum(active.map((item) => ACTIVE_JUDGMENT_POINTS[recencyOf(item.judgmentDate, asOfMonthNumber)]));
    const first = active[0];
    const sentence =
      active.length === 1 && first
        ? `An unpaid court judgment of ${formatRand(first.amount)} was granted ${against} in ${formatMonth(first.judgmentDate)}.`
        : `${active.length} unpaid court judgments totalling ${formatRand(sum(active.map((item) => item.amount)))} are recorded ${against}.`;
    reasons.push(reason("ACTIVE_JUDGMENT", "HIGH", sentence, active.map((item) => evidence(item, "Active")), Math.min(ACTIVE_JUDGMENT_POINTS.cap, raw)));
  }

  const satisfied = judgments.filter((item) => item.status === "SATISFIED" && recencyOf(item.judgmentDate, asOfMonthNumber) !== "older");
  if (satisfied.length > 0) {
    const sentence =
      satisfied.length === 1
        ? "A court judgment from the last 24 months has since been paid in full (satisfied); it does not count against the score."
        : `${satisfied.length} court judgments from the last 24 months have since been paid in full (satisfied); they do not count against the score.`;
    reasons.push(reason("SATISFIED_JUDGMENT", "LOW", sentence, satisfied.map((item) => evidence(item, "Satisfied")), SATISFIED_JUDGMENT_POINTS));
  }

  return { factor: "JUDGMENTS", reasons };
}

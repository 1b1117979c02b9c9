/** Building and ordering reasons. */
import { REASON_CODES, type FactorKey, type Reason, type ReasonCode, type ReasonSeverity } from "./types";

/** What one factor found: its reasons (possibly none). */
export interface FactorResult {
  factor: FactorKey;
  reasons: Reason[];
}

/** A reason deducting `deducted` points (0 or more); its `points` are the negative of that. */
export function reason(code: ReasonCode, severity: ReasonSeverity, sentence: string, evidence: string[], deducted: number): Reason {
  if (!Number.isInteger(deducted) || deducted < 0) throw new RangeError(`deduction for ${code} must be a whole number of points, 0 or more`);
  return { code, severity, sentence, evidence, points: deducted === 0 ? 0 : -deducted };
}

const SEVERITY_RANK: Record<ReasonSeverity, number> = { HARD_STOP: 0, HIGH: 1, MEDIUM: 2, LOW: 3, POSITIVE: 4 };
const CODE_RANK = new Map<ReasonCode, number>(REASON_CODES.map((code, index) => [code, index]));

export function severityRank(severity: ReasonSeverity): number {
  return SEVERITY_RANK[severity];
}

/** Hard stops first, then by severity, then the largest deduction first; ties in the order of REASON_CODES. */
export function orderReasons(reasons: readonly Reason[]): Reason[] {
  return [...reasons].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.points - b.points ||
      (CODE_RANK.get(a.code) ?? 0) - (CODE_RANK.get(b.code) ?? 0),
  );
}

/** found=false: the bureau holds no record of the subject. No record is not a clean record. */
import { reason, type FactorResult } from "../reason";
import type { SubjectType } from "../types";
import { NO_RECORD_POINTS } from "../weights";

export function noRecordFactor(type: SubjectType): FactorResult {
  const sentence =
    type === "company"
      ? "TPN holds no record of this company: no rental history, no credit record and nothing to verify it by. No record is not the same as a clean record."
      : "TPN holds no record of this applicant: no rental history, no credit record and no ID verification. No record is not the same as a clean record.";
  return {
    factor: "RECORD",
    reasons: [reason("NO_RECORD", "MEDIUM", sentence, ["TPN report: no record of the subject (found = false)"], NO_RECORD_POINTS)],
  };
}

/** TPN's own grade of the record, A (best) to F (worst). A minor factor: the record's facts are scored on their own. */
import type { ConsumerReport } from "@/lib/tpn/types";
import { reason, type FactorResult } from "../reason";
import { BUREAU_GRADE_POINTS } from "../weights";

export function bureauGradeFactor(grade: ConsumerReport["bureauGrade"]): FactorResult {
  if (!grade) return { factor: "BUREAU_GRADE", reasons: [] };
  const deducted = BUREAU_GRADE_POINTS[grade];
  if (deducted === 0) return { factor: "BUREAU_GRADE", reasons: [] };
  const sentence = `TPN grades this record ${grade} on its scale from A (best) to F (worst).`;
  return { factor: "BUREAU_GRADE", reasons: [reason("LOW_BUREAU_GRADE", "LOW", sentence, [`Bureau grade: ${grade}`], deducted)] };
}

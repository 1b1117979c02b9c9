/** Which kind of report the model is looking at, and how sentences name its subject. */
import type { CommercialReport, ConsumerReport } from "@/lib/tpn/types";
import type { SubjectType } from "./types";

export type ClassifiedReport = { type: "individual"; report: ConsumerReport } | { type: "company"; report: CommercialReport };

/** Uses `subjectType` when given; otherwise a report with `company` or `directors` is a company's. */
export function classifyReport(report: ConsumerReport | CommercialReport, subjectType?: SubjectType): ClassifiedReport {
  const type = subjectType ?? ("company" in report || "directors" in report ? "company" : "individual");
  // Every field beyond the header is optional in both report types, so either type accepts the other.
  return type === "company" ? { type, report } : { type, report };
}

/** "the applicant" or "the company", for use inside a sentence. */
export function subjectNoun(type: SubjectType): string {
  return type === "company" ? "the company" : "the applicant";
}

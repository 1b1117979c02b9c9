/**
 * The recommendation, from the reasons and the band, by these rules in order:
 * 1. any HARD_STOP reason: REFER_FOR_REVIEW;
 * 2. no record (found = false): REFER_FOR_REVIEW;
 * 3. band HIGH or VERY_HIGH: REFER_FOR_REVIEW;
 * 4. band MODERATE: ACCEPT_WITH_CONDITIONS;
 * 5. band LOW with any HIGH or MEDIUM reason: ACCEPT_WITH_CONDITIONS;
 * 6. otherwise ACCEPT.
 * Conditions come from the reasons, most important first; there is always at least one.
 * It is advice: a person makes the decision (POPIA section 71).
 */
import { BAND_LABELS } from "./band";
import { subjectNoun } from "./subject";
import type { Reason, ReasonCode, Recommendation, RiskBand, SubjectType } from "./types";

type ConditionKey = "VERIFY_ID" | "PROOF_OF_SETTLEMENT" | "CLAIM_DETAILS" | "DEPOSIT" | "SURETY" | "DEBIT_ORDER" | "VERIFY_INCOME" | "LANDLORD_REFERENCE";

/** The wording of each condition, for an individual and for a company. */
export const CONDITIONS: Record<ConditionKey, Record<SubjectType, string>> = {
  VERIFY_ID: {
    individual: "See the applicant's original ID document and confirm that it matches the applicant.",
    company: "Confirm the company's registration documents and the identity of the director who signs.",
  },
  PROOF_OF_SETTLEMENT: {
    individual: "Ask for proof that the listed defaults or judgments have been paid or are being paid off.",
    company: "Ask for proof that the listed defaults or judgments have been paid or are being paid off.",
  },
  CLAIM_DETAILS: {
    individual: "Ask what the open court claim is about and how it will be settled.",
    company: "Ask what the open court claim is about and how it will be settled.",
  },
  DEPOSIT: {
    individual: "Ask for a deposit of two months' rent instead of one.",
    company: "Ask for a deposit of two months' rent instead of one.",
  },
  SURETY: {
    individual: "Ask for a surety: someone who signs the lease with the applicant and is liable for the rent.",
    company: "Ask the company's directors to sign a personal surety for the lease.",
  },
  DEBIT_ORDER: {
    individual: "Have the rent collected by debit order on the applicant's payday.",
    company: "Have the rent collected by debit order.",
  },
  VERIFY_INCOME: {
    individual: "Verify the income with the last three months' payslips or bank statements.",
    company: "Ask for the company's latest financial statements or its last three months' bank statements.",
  },
  LANDLORD_REFERENCE: {
    individual: "Ask a previous landlord for a written reference.",
    company: "Ask a previous landlord of the company for a written reference.",
  },
};

/** Which conditions answer which reason. Reasons not listed call for no specific condition. */
export const CONDITIONS_FOR: Partial<Record<ReasonCode, ConditionKey[]>> = {
  ID_VERIFICATION_PENDING: ["VERIFY_ID"],
  RENT_NOT_PAID: ["DEPOSIT", "SURETY"],
  RENT_PARTIALLY_PAID: ["DEPOSIT", "DEBIT_ORDER"],
  RENT_PAID_LATE: ["DEBIT_ORDER", "DEPOSIT"],
  RENT_GRACE_PERIOD: ["DEBIT_ORDER"],
  NO_RENTAL_HISTORY: ["SURETY"],
  LIMITED_RENTAL_HISTORY: ["LANDLORD_REFERENCE"],
  ACTIVE_DEFAULT: ["PROOF_OF_SETTLEMENT", "SURETY"],
  ACTIVE_JUDGMENT: ["PROOF_OF_SETTLEMENT", "SURETY"],
  SEQUESTRATION: ["SURETY", "DEPOSIT"],
  ADMINISTRATION_ORDER: ["SURETY", "DEPOSIT"],
  DEBT_REVIEW: ["SURETY", "DEPOSIT"],
  EVICTION_ORDER: ["LANDLORD_REFERENCE", "SURETY"],
  SUMMONS: ["CLAIM_DETAILS"],
  CREDIT_ARREARS: ["VERIFY_INCOME", "DEBIT_ORDER"],
  HIGH_CREDIT_UTILISATION: ["VERIFY_INCOME", "SURETY"],
  COMPANY_DEREGISTERED: ["VERIFY_ID"],
  COMPANY_IN_LIQUIDATION: ["SURETY", "DEPOSIT"],
  COMPANY_IN_BUSINESS_RESCUE: ["SURETY", "DEPOSIT"],
  ADVERSE_DIRECTOR: ["SURETY"],
  RENT_UNAFFORDABLE: ["VERIFY_INCOME", "SURETY"],
  RENT_STRETCHED: ["VERIFY_INCOME"],
};

/** The conditions for these (ordered) reasons, without repeats; a deposit when no reason calls for one. */
export function conditionsFor(reasons: readonly Reason[], type: SubjectType): string[] {
  const keys = new Set<ConditionKey>(reasons.flatMap((item) => CONDITIONS_FOR[item.code] ?? []));
  if (keys.size === 0) keys.add("DEPOSIT");
  return [...keys].map((key) => CONDITIONS[key][type]);
}

export const RECOMMENDATION_RANK = { ACCEPT: 0, ACCEPT_WITH_CONDITIONS: 1, REFER_FOR_REVIEW: 2 } as const;

export function recommend(input: { reasons: readonly Reason[]; band: RiskBand; score: number; subjectType: SubjectType }): Recommendation {
  const { reasons, band, score, subjectType } = input;
  const heading = `${BAND_LABELS[band]} (score ${score} of 100).`;
  const adverse = reasons.filter((item) => item.severity !== "POSITIVE");
  const mainConcern = adverse[0] ? ` Main concern: ${adverse[0].sentence}` : "";

  const hardStop = reasons.find((item) => item.severity === "HARD_STOP");
  if (hardStop) return { code: "REFER_FOR_REVIEW", summary: `${heading} Refer for review: ${hardStop.sentence}` };

  const noRecord = reasons.find((item) => item.code === "NO_RECORD");
  if (noRecord) {
    return {
      code: "REFER_FOR_REVIEW",
      summary: `${heading} Refer for review: ${noRecord.sentence} A person should check ${subjectNoun(subjectType)}'s identity, income and references before deciding.`,
    };
  }

  if (band === "HIGH" || band === "VERY_HIGH") return { code: "REFER_FOR_REVIEW", summary: `${heading} Refer for review before deciding.${mainConcern}` };

  if (band === "MODERATE" || adverse.some((item) => item.severity === "HIGH" || item.severity === "MEDIUM")) {
    return { code: "ACCEPT_WITH_CONDITIONS", conditions: conditionsFor(adverse, subjectType), summary: `${heading} Accept with conditions.${mainConcern}` };
  }

  return { code: "ACCEPT", summary: `${heading} The TPN record supports accepting ${subjectNoun(subjectType)}.` };
}

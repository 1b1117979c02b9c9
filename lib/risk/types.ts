/** The shapes of the risk model's input and output. */
import type { CommercialReport, ConsumerReport } from "@/lib/tpn/types";
import type { RiskModelVersion } from "./version";

export type SubjectType = "individual" | "company";

export interface RiskInput {
  report: ConsumerReport | CommercialReport;
  /** Rent of the property applied for, ZAR a month. Must be more than 0 when given. */
  monthlyRent?: number;
  /** The applicant's declared gross income, ZAR a month. Must be more than 0 when given. */
  grossMonthlyIncome?: number;
  /** The moment the assessment is made as of: every "last 12 months" is counted back from its month (UTC). */
  asOf: Date;
  /**
   * Whether the report is about a person (consumer enquiry) or a company (commercial enquiry). When
   * left out it is inferred: a report with `company` or `directors` is a company's.
   */
  subjectType?: SubjectType;
}

export const RISK_BANDS = ["LOW", "MODERATE", "HIGH", "VERY_HIGH"] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

export const REASON_SEVERITIES = ["HARD_STOP", "HIGH", "MEDIUM", "LOW", "POSITIVE"] as const;
export type ReasonSeverity = (typeof REASON_SEVERITIES)[number];

export const RECOMMENDATION_CODES = ["ACCEPT", "ACCEPT_WITH_CONDITIONS", "REFER_FOR_REVIEW"] as const;
export type RecommendationCode = (typeof RECOMMENDATION_CODES)[number];

export const REASON_CODES = [
  // Hard stops
  "ID_NOT_VERIFIED",
  "ID_DECEASED",
  "FRAUD_ALERT",
  // The record as a whole
  "NO_RECORD",
  "ID_VERIFICATION_PENDING",
  // Rental payment profile
  "RENT_NOT_PAID",
  "RENT_PARTIALLY_PAID",
  "RENT_PAID_LATE",
  "RENT_GRACE_PERIOD",
  "NO_RENTAL_HISTORY",
  "LIMITED_RENTAL_HISTORY",
  "GOOD_PAYMENT_HISTORY",
  // Defaults and judgments
  "ACTIVE_DEFAULT",
  "PAID_DEFAULT",
  "ACTIVE_JUDGMENT",
  "SATISFIED_JUDGMENT",
  // Notices
  "SEQUESTRATION",
  "ADMINISTRATION_ORDER",
  "DEBT_REVIEW",
  "EVICTION_ORDER",
  "SUMMONS",
  "REHABILITATION",
  // Credit exposure and bureau grade
  "CREDIT_ARREARS",
  "HIGH_CREDIT_UTILISATION",
  "LOW_BUREAU_GRADE",
  // Companies
  "COMPANY_DEREGISTERED",
  "COMPANY_IN_LIQUIDATION",
  "COMPANY_IN_BUSINESS_RESCUE",
  "ADVERSE_DIRECTOR",
  // Affordability
  "RENT_UNAFFORDABLE",
  "RENT_STRETCHED",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  /** Stable: a code keeps its meaning across model versions. */
  code: ReasonCode;
  severity: ReasonSeverity;
  /** One plain sentence a landlord understands. */
  sentence: string;
  /** The facts the reason rests on, quoted from the bureau record (amounts, months, statuses; never names or ID numbers). */
  evidence: string[];
  /** The reason's effect on the score: 0 or negative (points deducted from 100). */
  points: number;
}

export const FACTOR_KEYS = [
  "RECORD",
  "IDENTITY",
  "FRAUD",
  "COMPANY",
  "DIRECTORS",
  "RENTAL_HISTORY",
  "DEFAULTS",
  "JUDGMENTS",
  "NOTICES",
  "CREDIT",
  "BUREAU_GRADE",
  "AFFORDABILITY",
] as const;
export type FactorKey = (typeof FACTOR_KEYS)[number];

/** What one factor of the model contributed; every factor the model looked at is listed, also at 0. */
export interface FactorBreakdown {
  factor: FactorKey;
  label: string;
  /** The sum of the points of this factor's reasons (0 or negative). */
  points: number;
  /** The reasons this factor gave, in the order they appear in `reasons`. */
  reasonCodes: ReasonCode[];
}

export type Recommendation =
  | { code: "ACCEPT"; summary: string }
  | { code: "ACCEPT_WITH_CONDITIONS"; conditions: string[]; summary: string }
  | { code: "REFER_FOR_REVIEW"; summary: string };

export const AFFORDABILITY_VERDICTS = ["AFFORDABLE", "STRETCHED", "UNAFFORDABLE"] as const;
export type AffordabilityVerdict = (typeof AFFORDABILITY_VERDICTS)[number];

export interface Affordability {
  /** Rent divided by gross income, e.g. 0.3 for 30%, rounded to 4 decimals. */
  rentToIncomeRatio: number;
  verdict: AffordabilityVerdict;
  sentence: string;
}

export interface RiskAssessment {
  modelVersion: RiskModelVersion;
  subjectType: SubjectType;
  /** The `asOf` the assessment was made with (ISO 8601), so it can be reproduced. */
  asOf: string;
  /** 0-100, higher is safer. */
  score: number;
  band: RiskBand;
  recommendation: Recommendation;
  /** Hard stops first, then by severity, then by the size of their effect. */
  reasons: Reason[];
  /** Only when both the rent and the income were given. */
  affordability?: Affordability;
  factors: FactorBreakdown[];
}

/** TenantLens risk model: pure, versioned and explainable. See docs/risk-model.md. */
export { assessRisk, FACTOR_LABELS } from "./assess";
export { affordabilityVerdict } from "./affordability";
export { BAND_LABELS, bandFor, bandRank } from "./band";
export { formatMonth, formatRand } from "./format";
export { CONDITIONS, CONDITIONS_FOR, RECOMMENDATION_RANK } from "./recommendation";
export { affordabilitySchema, reasonSchema, recommendationSchema, riskAssessmentSchema } from "./schema";
export {
  AFFORDABILITY_VERDICTS,
  FACTOR_KEYS,
  REASON_CODES,
  REASON_SEVERITIES,
  RECOMMENDATION_CODES,
  RISK_BANDS,
  type Affordability,
  type AffordabilityVerdict,
  type FactorBreakdown,
  type FactorKey,
  type Reason,
  type ReasonCode,
  type ReasonSeverity,
  type Recommendation,
  type RecommendationCode,
  type RiskAssessment,
  type RiskBand,
  type RiskInput,
  type SubjectType,
} from "./types";
export { RISK_MODEL_VERSION, type RiskModelVersion } from "./version";
export * as RISK_WEIGHTS from "./weights";

/** Shown with every assessment: the model advises, a person decides (POPIA section 71). */
export const RISK_ADVICE_NOTICE =
  "This assessment is advice based on the TPN bureau record. It is not a decision: a person decides, and the applicant may ask for the reasons and make representations (POPIA section 71).";

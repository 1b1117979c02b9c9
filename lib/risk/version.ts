/**
 * The risk model's version. It is stored with every assessment; bump it whenever a weight, threshold,
 * rule or sentence changes, so a stored report always says which rules produced it.
 */
export const RISK_MODEL_VERSION = "tl-risk-2026.12" as const;

export type RiskModelVersion = typeof RISK_MODEL_VERSION;

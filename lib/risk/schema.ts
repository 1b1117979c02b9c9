/** zod schema of a stored RiskAssessment (e.g. read back from the reports table). */
import { z } from "zod";
import {
  AFFORDABILITY_VERDICTS,
  FACTOR_KEYS,
  REASON_CODES,
  REASON_SEVERITIES,
  RISK_BANDS,
  type RiskAssessment,
} from "./types";
import { RISK_MODEL_VERSION } from "./version";

const points = z.number().int().max(0);

export const reasonSchema = z.object({
  code: z.enum(REASON_CODES),
  severity: z.enum(REASON_SEVERITIES),
  sentence: z.string().min(1),
  evidence: z.array(z.string()),
  points,
});

export const recommendationSchema = z.discriminatedUnion("code", [
  z.object({ code: z.literal("ACCEPT"), summary: z.string().min(1) }),
  z.object({ code: z.literal("ACCEPT_WITH_CONDITIONS"), conditions: z.array(z.string().min(1)).min(1), summary: z.string().min(1) }),
  z.object({ code: z.literal("REFER_FOR_REVIEW"), summary: z.string().min(1) }),
]);

export const affordabilitySchema = z.object({
  rentToIncomeRatio: z.number().nonnegative(),
  verdict: z.enum(AFFORDABILITY_VERDICTS),
  sentence: z.string().min(1),
});

export const factorBreakdownSchema = z.object({
  factor: z.enum(FACTOR_KEYS),
  label: z.string(),
  points,
  reasonCodes: z.array(z.enum(REASON_CODES)),
});

export const riskAssessmentSchema = z.object({
  modelVersion: z.literal(RISK_MODEL_VERSION),
  subjectType: z.enum(["individual", "company"]),
  asOf: z.iso.datetime(),
  score: z.number().int().min(0).max(100),
  band: z.enum(RISK_BANDS),
  recommendation: recommendationSchema,
  reasons: z.array(reasonSchema),
  affordability: affordabilitySchema.optional(),
  factors: z.array(factorBreakdownSchema),
});

// Fails to compile if the schema and the RiskAssessment type drift apart (in either direction).
type Parsed = z.infer<typeof riskAssessmentSchema>;
const _schemaMatchesType = (value: Parsed): RiskAssessment => value;
const _typeMatchesSchema = (value: RiskAssessment): Parsed => value;
void _schemaMatchesType;
void _typeMatchesSchema;

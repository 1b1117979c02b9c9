/**
 * The risk model against every documented TPN sandbox scenario: the sandbox builds the exact report,
 * the model assesses it as of a fixed moment, and the result must (1) match its committed golden file
 * under __golden__/risk/ (update deliberately with `npx vitest run tests/unit/risk -u` and review the
 * diff; a changed golden means a new model version) and (2) tell the scenario's story.
 */
import { describe, expect, it } from "vitest";
import { buildCommercialReport, buildConsumerReport, type Envelope } from "@/dev/tpn/reports";
import { COMMERCIAL_SCENARIOS, CONSUMER_SCENARIOS, type CommercialScenarioKey, type ConsumerScenarioKey } from "@/dev/tpn/scenarios";
import { assessRisk, RISK_MODEL_VERSION, riskAssessmentSchema, type ReasonCode, type RecommendationCode, type RiskAssessment, type RiskBand } from "@/lib/risk";
import type { CommercialReport, ConsumerReport } from "@/lib/tpn/types";

const AS_OF = new Date("2026-12-15T08:00:00.000Z");
const ENVELOPE: Envelope = { enquiryId: "enq_golden", generatedAt: AS_OF.toISOString(), billing: { chargeable: true, reference: "bill_golden", amount: 42.5 } };

type ScenarioKey = ConsumerScenarioKey | CommercialScenarioKey;

function reportFor(key: ScenarioKey): ConsumerReport | CommercialReport {
  if (key === "COMPANY_IN_LIQUIDATION") return buildCommercialReport(COMMERCIAL_SCENARIOS[key].registrationNumber, ENVELOPE, AS_OF);
  return buildConsumerReport({ idNumber: CONSUMER_SCENARIOS[key].idNumber }, ENVELOPE, AS_OF);
}

interface Story {
  bands: RiskBand[];
  recommendation: RecommendationCode;
  /** The first reason must be one of these. */
  topReason: ReasonCode[];
  /** Reasons that must appear somewhere. */
  alsoReasons?: ReasonCode[];
}

const STORIES = {
  CLEAN_RECORD: { bands: ["LOW"], recommendation: "ACCEPT", topReason: ["GOOD_PAYMENT_HISTORY"] },
  LATE_PAYER: { bands: ["MODERATE", "HIGH"], recommendation: "REFER_FOR_REVIEW", topReason: ["RENT_PAID_LATE"], alsoReasons: ["RENT_PARTIALLY_PAID", "RENT_GRACE_PERIOD"] },
  DEFAULTER_WITH_JUDGMENT: {
    bands: ["VERY_HIGH"],
    recommendation: "REFER_FOR_REVIEW",
    topReason: ["RENT_NOT_PAID", "ACTIVE_JUDGMENT"],
    alsoReasons: ["ACTIVE_JUDGMENT", "ACTIVE_DEFAULT", "RENT_NOT_PAID"],
  },
  DEBT_REVIEW: { bands: ["HIGH"], recommendation: "REFER_FOR_REVIEW", topReason: ["DEBT_REVIEW"] },
  DECEASED: { bands: ["HIGH", "VERY_HIGH"], recommendation: "REFER_FOR_REVIEW", topReason: ["ID_DECEASED"] },
  FRAUD_ALERT: { bands: ["HIGH", "VERY_HIGH"], recommendation: "REFER_FOR_REVIEW", topReason: ["FRAUD_ALERT"] },
  NOT_FOUND: { bands: ["MODERATE"], recommendation: "REFER_FOR_REVIEW", topReason: ["NO_RECORD"] },
  COMPANY_IN_LIQUIDATION: {
    bands: ["VERY_HIGH"],
    recommendation: "REFER_FOR_REVIEW",
    topReason: ["COMPANY_IN_LIQUIDATION"],
    alsoReasons: ["ACTIVE_DEFAULT", "ACTIVE_JUDGMENT", "ADVERSE_DIRECTOR"],
  },
} satisfies Record<ScenarioKey, Story>;

const SCENARIOS = Object.entries(STORIES) as [ScenarioKey, Story][];

const goldenPath = (key: ScenarioKey) => `./__golden__/risk/${key.toLowerCase().replace(/_/g, "-")}.json`;

describe.each(SCENARIOS)("sandbox scenario %s", (key, story) => {
  const report = reportFor(key);
  const result: RiskAssessment = assessRisk({ report, asOf: AS_OF });

  it("matches its golden assessment", async () => {
    await expect(`${JSON.stringify(result, null, 2)}\n`).toMatchFileSnapshot(goldenPath(key));
  });

  it("tells its story", () => {
    expect(result.modelVersion).toBe(RISK_MODEL_VERSION);
    expect(story.bands).toContain(result.band);
    expect(result.recommendation.code).toBe(story.recommendation);
    expect(story.topReason).toContain(result.reasons[0]?.code);
    const codes = result.reasons.map((reason) => reason.code);
    for (const code of story.alsoReasons ?? []) expect(codes).toContain(code);
  });

  it("never quotes a name or an ID number", () => {
    const text = JSON.stringify(result);
    const names = [
      ..."subject" in report ? [report.subject?.firstName, report.subject?.surname] : [],
      ..."directors" in report ? (report.directors ?? []).flatMap((director) => [director.name, director.idNumberLast4]) : [],
      ..."company" in report ? [report.company?.name, report.company?.registrationNumber] : [],
    ].filter((value): value is string => typeof value === "string" && value.length > 0);
    for (const name of names) expect(text).not.toContain(name);
    for (const scenario of Object.values(CONSUMER_SCENARIOS)) expect(text).not.toContain(scenario.idNumber);
  });

  it("round-trips through the storage schema", () => {
    expect(riskAssessmentSchema.parse(JSON.parse(JSON.stringify(result)))).toEqual(result);
  });

  it("is reproducible", () => {
    expect(assessRisk({ report: reportFor(key), asOf: AS_OF })).toEqual(result);
  });
});

describe("sandbox scenarios with affordability", () => {
  it("a clean record with unaffordable rent is accepted only with conditions", () => {
    const result = assessRisk({ report: reportFor("CLEAN_RECORD"), monthlyRent: 14_000, grossMonthlyIncome: 30_000, asOf: AS_OF });
    expect(result).toMatchObject({ score: 85, band: "LOW", affordability: { verdict: "UNAFFORDABLE", rentToIncomeRatio: 0.4667 } });
    expect(result.recommendation).toMatchObject({
      code: "ACCEPT_WITH_CONDITIONS",
      conditions: [
        "Verify the income with the last three months' payslips or bank statements.",
        "Ask for a surety: someone who signs the lease with the applicant and is liable for the rent.",
      ],
    });
  });
});

describe("storage schema", () => {
  it("rejects what a stored assessment can never be", () => {
    const valid = assessRisk({ report: reportFor("LATE_PAYER"), asOf: AS_OF });
    expect(riskAssessmentSchema.safeParse(valid).success).toBe(true);
    for (const broken of [
      { ...valid, score: 101 },
      { ...valid, score: 50.5 },
      { ...valid, modelVersion: "tl-risk-1999.01" },
      { ...valid, band: "SEVERE" },
      { ...valid, recommendation: { code: "ACCEPT_WITH_CONDITIONS", conditions: [], summary: "x" } },
      { ...valid, recommendation: { code: "DECLINE", summary: "x" } },
      { ...valid, reasons: [{ ...valid.reasons[0], points: 5 }] },
      { ...valid, reasons: [{ ...valid.reasons[0], code: "MADE_UP" }] },
    ]) {
      expect(riskAssessmentSchema.safeParse(broken).success).toBe(false);
    }
  });
});

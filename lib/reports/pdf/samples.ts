/**
 * Sample reports for tests, the benchmark and eyeballing the layout: TPN sandbox scenarios (the
 * exact bureau reports dev/tpn builds) with hand-made risk assessments, and a deliberately large
 * report. The hand-made assessments follow the model's conventions (lib/risk/types.ts): score 0-100,
 * higher is safer; a reason's points are what it deducts (0 or negative). Development only: nothing
 * in the app imports this module.
 */
import { buildCommercialReport, buildConsumerReport, type Envelope } from "@/dev/tpn/reports";
import { COMMERCIAL_SCENARIOS, CONSUMER_SCENARIOS } from "@/dev/tpn/scenarios";
import type { CommercialReport, ConsumerReport } from "@/lib/tpn/types";
import { shiftPeriod, toReportViewModel, type ReportViewModel, type RiskAssessmentInput } from "../view-model";

export const SAMPLE_NOW = new Date("2026-12-03T08:15:00Z");
const ORGANISATION = "Karoo Lettings (Pty) Ltd";
const REQUESTED_BY = "Naledi Mokoena";

function envelope(enquiryId: string): Envelope {
  return { enquiryId, generatedAt: SAMPLE_NOW.toISOString(), billing: { chargeable: true, reference: `BILL-${enquiryId}`, amount: 48.5 } };
}

const mask = (idNumber: string) => `•••••••••${idNumber.slice(-4)}`;

export const DEFAULTER_RISK: RiskAssessmentInput = {
  modelVersion: "risk-2026.12.1",
  score: 4,
  band: "VERY_HIGH",
  recommendation: {
    code: "REFER_FOR_REVIEW",
    summary: "Recent unpaid rent, an active judgment from a previous landlord and active defaults: do not let without a review.",
    conditions: ["Ask for proof that the judgment has been settled", "Ask for a guarantor with a clean record"],
  },
  reasons: [
    {
      code: "RENT_UNPAID_RECENT",
      severity: "HARD_STOP",
      sentence: "Rent was not paid in each of the last 4 months.",
      evidence: ["Did not pay: Aug, Sep, Oct and Nov 2026", "Reported by the current landlord"],
      points: -35,
    },
    {
      code: "ACTIVE_JUDGMENT",
      severity: "HIGH",
      sentence: "An active judgment of R 27 750 was granted to a previous landlord.",
      evidence: ["Judgment dated 22 Nov 2026", "Status: active"],
      points: -22,
    },
    {
      code: "ACTIVE_DEFAULTS",
      severity: "HIGH",
      sentence: "Two active defaults totalling R 20 840.50 are listed.",
      evidence: ["Rental default of R 18 500 listed Oct 2026", "Telecoms default of R 2 340.50 listed Mar 2026"],
      points: -15,
    },
    {
      code: "ARREARS",
      severity: "MEDIUM",
      sentence: "Credit accounts are R 46 590.50 in arrears, up to 6 months behind.",
      evidence: ["Worst arrears in 24 months: 6 months"],
      points: -8,
    },
    { code: "ID_VERIFIED", severity: "POSITIVE", sentence: "The ID number is verified against the population register.", evidence: ["TPN code V0"], points: 0 },
  ],
  affordability: { rentToIncomeRatio: 0.41, verdict: "UNAFFORDABLE", sentence: "Rent of R 12 500 would take 41% of the declared gross income of R 30 500 (above the 33% guideline)." },
};

export const CLEAN_RISK: RiskAssessmentInput = {
  modelVersion: "risk-2026.12.1",
  score: 96,
  band: "LOW",
  recommendation: { code: "ACCEPT", summary: "A consistent record of paying rent on time and nothing adverse on the bureau." },
  reasons: [
    { code: "RENT_ON_TIME", severity: "POSITIVE", sentence: "Rent was paid on time in all 24 reported months.", evidence: ["24 of 24 months on time"], points: 0 },
    { code: "NO_ADVERSE", severity: "POSITIVE", sentence: "No defaults, judgments or notices are recorded.", evidence: [], points: 0 },
  ],
  affordability: { rentToIncomeRatio: 0.27, verdict: "AFFORDABLE", sentence: "Rent of R 9 500 is 27% of the declared gross income of R 35 000." },
};

export const LIQUIDATION_RISK: RiskAssessmentInput = {
  modelVersion: "risk-2026.12.1",
  score: 0,
  band: "VERY_HIGH",
  recommendation: { code: "REFER_FOR_REVIEW", summary: "The company is in liquidation and has stopped paying rent." },
  reasons: [
    { code: "COMPANY_IN_LIQUIDATION", severity: "HARD_STOP", sentence: "The company is in liquidation.", evidence: ["Active liquidation notice"], points: -50 },
    { code: "RENT_UNPAID_RECENT", severity: "HIGH", sentence: "Rent was not paid in the last 2 months.", evidence: ["Did not pay: Oct and Nov 2026"], points: -20 },
    { code: "ADVERSE_DIRECTOR", severity: "MEDIUM", sentence: "One of the two directors has adverse records.", evidence: [], points: -6 },
  ],
};

export interface ConsumerSample {
  idNumber: string;
  report: ConsumerReport;
  view: ReportViewModel;
}

function consumerView(idNumber: string, enquiryId: string, risk: RiskAssessmentInput, subjectName: string | null): ConsumerSample {
  const report = buildConsumerReport({ idNumber }, envelope(enquiryId), SAMPLE_NOW);
  const view = toReportViewModel({
    report,
    risk,
    enquiry: {
      id: enquiryId,
      reference: "Unit 4B, 12 Loop Street",
      organisationName: ORGANISATION,
      requestedBy: REQUESTED_BY,
      maskedIdentifier: mask(idNumber),
      subjectName,
      subjectType: "individual",
      identifierKind: "sa-id",
    },
    generatedAt: SAMPLE_NOW,
  });
  return { idNumber, report, view };
}

export function defaulterSample(): ConsumerSample {
  return consumerView(CONSUMER_SCENARIOS.DEFAULTER_WITH_JUDGMENT.idNumber, "3f2a9c1e-7b4d-4e21-9a0f-1c2d3e4f5a6b", DEFAULTER_RISK, null);
}

export function cleanSample(): ConsumerSample {
  return consumerView(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber, "a1b2c3d4-0000-4000-8000-000000000001", CLEAN_RISK, null);
}

export function companySample(): { report: CommercialReport; view: ReportViewModel } {
  const scenario = COMMERCIAL_SCENARIOS.COMPANY_IN_LIQUIDATION;
  const enquiryId = "c0ffee00-1234-4abc-8def-0123456789ab";
  const report = buildCommercialReport(scenario.registrationNumber, envelope(enquiryId), SAMPLE_NOW);
  const view = toReportViewModel({
    report,
    risk: LIQUIDATION_RISK,
    enquiry: {
      id: enquiryId,
      organisationName: ORGANISATION,
      requestedBy: REQUESTED_BY,
      maskedIdentifier: "••••/••••13/07",
      subjectName: null,
      subjectType: "company",
      identifierKind: "cipc",
    },
    generatedAt: SAMPLE_NOW,
  });
  return { report, view };
}

export const LATE_PAYER_RISK: RiskAssessmentInput = {
  modelVersion: "risk-2026.12.1",
  score: 66,
  band: "MODERATE",
  recommendation: {
    code: "ACCEPT_WITH_CONDITIONS",
    summary: "Rent is paid, but often late; one old default and one judgment, both settled.",
    conditions: ["Take a deposit of two months' rent", "Set up a debit order on the 1st of the month"],
  },
  reasons: [
    { code: "RENT_LATE", severity: "MEDIUM", sentence: "Rent was paid late in 6 of the last 24 months.", evidence: ["Latest late payment: Nov 2026", "One month partly paid (Aug 2026)"], points: -14 },
    { code: "SETTLED_JUDGMENT", severity: "LOW", sentence: "A judgment from 2024 has been satisfied.", evidence: ["R 9 870, satisfied"], points: -4 },
    { code: "PAID_DEFAULT", severity: "LOW", sentence: "A retail default has been paid up.", evidence: ["R 1 250.75, paid"], points: -2 },
    { code: "LONG_TENANCY", severity: "POSITIVE", sentence: "Two leases of two years each, both reported by agencies.", evidence: [], points: 0 },
  ],
  affordability: { rentToIncomeRatio: 0.31, verdict: "STRETCHED", sentence: "Rent of R 11 000 is 31% of the declared gross income of R 35 500, close to the 33% guideline." },
};

/** A typical report: the late-payer scenario with an earlier two-year lease, a settled judgment and a paid default. */
export function typicalSample(): ConsumerSample {
  const idNumber = CONSUMER_SCENARIOS.LATE_PAYER.idNumber;
  const enquiryId = "5e6f7a8b-1111-4222-8333-944455566677";
  const report: ConsumerReport = buildConsumerReport({ idNumber }, envelope(enquiryId), SAMPLE_NOW);
  const current = report.rentalPaymentProfile?.[0];
  const previousNewest = shiftPeriod(current?.months.at(-1)?.period ?? "2024-11", -1);
  report.rentalPaymentProfile = [
    ...(current ? [current] : []),
    {
      reference: "Rawson Rentals",
      propertyType: "RESIDENTIAL",
      leaseStart: `${shiftPeriod(previousNewest, -23)}-01`,
      leaseEnd: `${shiftPeriod(previousNewest, 1)}-01`,
      monthlyRent: 9_200,
      months: Array.from({ length: 24 }, (_, index) => ({
        period: shiftPeriod(previousNewest, -index),
        classification: index % 7 === 3 ? ("GRACE_PERIOD" as const) : ("PAID_ON_TIME" as const),
        amountDue: 9_200,
        amountPaid: 9_200,
      })),
    },
  ];
  report.judgments = [{ caseNumber: "18211/2024", court: "Johannesburg Magistrate's Court", plaintiff: "Edgars Stores", amount: 9_870, judgmentDate: "2024-06-18", status: "SATISFIED" }];
  report.defaults = [{ creditor: "Foschini Retail Group", category: "RETAIL", amount: 1_250.75, listedAt: "2023-09-30", status: "PAID" }];
  const view = toReportViewModel({
    report,
    risk: LATE_PAYER_RISK,
    enquiry: {
      id: enquiryId,
      reference: "Flat 12, Sunset Court",
      organisationName: ORGANISATION,
      requestedBy: REQUESTED_BY,
      maskedIdentifier: mask(idNumber),
      subjectName: null,
      subjectType: "individual",
      identifierKind: "sa-id",
    },
    generatedAt: SAMPLE_NOW,
  });
  return { idNumber, report, view };
}

const CLASSIFICATION_CYCLE = ["PAID_ON_TIME", "PAID_ON_TIME", "GRACE_PERIOD", "PAID_ON_TIME", "PAID_LATE", "PAID_ON_TIME", "PARTIALLY_PAID", "PAID_ON_TIME", "DID_NOT_PAY"] as const;

/** The defaulter scenario blown up: 3 leases of 60 months, 20 judgments, 10 defaults. */
export function largeSample(): ConsumerSample {
  const base = defaulterSample();
  const report: ConsumerReport = structuredClone(base.report);
  const lessors = ["Pam Golding Rentals", "Seeff Property Management", "Private landlord (Mr J. Botha)"];
  report.rentalPaymentProfile = lessors.map((reference, lease) => {
    const newest = shiftPeriod("2026-11", -lease * 3);
    return {
      reference,
      propertyType: lease === 2 ? "COMMERCIAL" : "RESIDENTIAL",
      leaseStart: `${shiftPeriod(newest, -59)}-01`,
      leaseEnd: lease === 0 ? null : `${shiftPeriod(newest, 1)}-01`,
      monthlyRent: 8_500 + lease * 1_250,
      months: Array.from({ length: 60 }, (_, index) => {
        const classification = CLASSIFICATION_CYCLE[(index * (lease + 2)) % CLASSIFICATION_CYCLE.length] ?? "PAID_ON_TIME";
        const amountDue = 8_500 + lease * 1_250;
        const amountPaid = classification === "DID_NOT_PAY" ? 0 : classification === "PARTIALLY_PAID" ? amountDue / 2 : amountDue;
        return { period: shiftPeriod(newest, -index), classification, amountDue, amountPaid, balance: amountDue - amountPaid };
      }),
    };
  });
  const courts = ["Johannesburg Magistrate's Court", "Cape Town Magistrate's Court", "Gauteng Division, Pretoria", "Durban Magistrate's Court"];
  report.judgments = Array.from({ length: 20 }, (_, index) => ({
    caseNumber: `${4100 + index * 37}/${2026 - Math.floor(index / 6)}`,
    court: courts[index % courts.length] ?? "Johannesburg Magistrate's Court",
    plaintiff: index === 19 ? "Last Judgment Creditor (Pty) Ltd" : `Creditor number ${index + 1}`,
    amount: 10_000 + index * 1_234.5,
    judgmentDate: `${2026 - Math.floor(index / 6)}-${String(12 - ((index % 6) * 2 + 1)).padStart(2, "0")}-15`,
    status: index % 5 === 4 ? "SATISFIED" : "ACTIVE",
  }));
  report.defaults = Array.from({ length: 10 }, (_, index) => ({
    creditor: index === 9 ? "Final Default Retailers" : `Retail creditor ${index + 1}`,
    category: (["RETAIL", "TELECOMS", "FINANCE", "UTILITIES", "RENTAL"] as const)[index % 5] ?? "OTHER",
    amount: 1_500 + index * 725.25,
    listedAt: `2026-${String(11 - index).padStart(2, "0")}-0${(index % 9) + 1}`,
    status: index % 4 === 3 ? "PAID" : "ACTIVE",
  }));
  report.notices = [
    { type: "DEBT_REVIEW", date: "2025-08-12", reference: "DC4471", status: "ACTIVE" },
    { type: "EVICTION_ORDER", date: "2024-03-02", reference: "EV/1123/2024", court: "Cape Town Magistrate's Court", status: "COMPLETED" },
  ];
  report.directorships = [{ companyName: "Ubuntu Trading CC", registrationNumber: "2011/104233/23", status: "RESIGNED", appointedAt: "2011-05-02" }];
  const view = toReportViewModel({
    report,
    risk: {
      ...DEFAULTER_RISK,
      reasons: [
        ...DEFAULTER_RISK.reasons,
        { code: "MANY_JUDGMENTS", severity: "HIGH", sentence: "Twenty judgments were granted in the last four years.", evidence: ["16 still active"], points: -12 },
        { code: "DEBT_REVIEW", severity: "MEDIUM", sentence: "The applicant is under debt review.", evidence: ["Notice DC4471, Aug 2025"], points: -6 },
        { code: "PAST_EVICTION", severity: "LOW", sentence: "An eviction order was granted in 2024.", evidence: [], points: -3 },
      ],
    },
    enquiry: {
      id: "3f2a9c1e-7b4d-4e21-9a0f-1c2d3e4f5a6b",
      organisationName: ORGANISATION,
      requestedBy: REQUESTED_BY,
      maskedIdentifier: mask(base.idNumber),
      subjectName: "Sipho van der Merwe-Khumalo",
      subjectType: "individual",
      identifierKind: "sa-id",
    },
    generatedAt: SAMPLE_NOW,
  });
  return { idNumber: base.idNumber, report, view };
}

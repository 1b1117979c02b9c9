/**
 * The risk model's reasons, one test per reason code (each built from a minimal report that triggers
 * exactly that reason), plus ordering, recency, caps, recommendations, affordability and input checks.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  assessRisk,
  formatRand,
  REASON_CODES,
  RISK_MODEL_VERSION,
  riskAssessmentSchema,
  type Reason,
  type ReasonCode,
  type ReasonSeverity,
  type RiskInput,
} from "@/lib/risk";
import type { CommercialReport, ConsumerReport } from "@/lib/tpn/types";

type Lease = NonNullable<ConsumerReport["rentalPaymentProfile"]>[number];
type Classification = Lease["months"][number]["classification"];

const AS_OF = new Date("2026-12-15T08:00:00.000Z");
const HEADER = { enquiryId: "enq_test", generatedAt: "2026-12-15T08:00:00.000Z", found: true, billing: { chargeable: true, reference: "bill_test" } };

/** "YYYY-MM" `ago` months before December 2026. */
function period(ago: number): string {
  const index = 2026 * 12 + 11 - ago;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** A lease whose months are newest first, the newest `newestAgo` months back (1 = November 2026). */
function lease(classifications: readonly Classification[], newestAgo = 1, rent = 8000): Lease {
  return {
    reference: "Rawson Rentals",
    propertyType: "RESIDENTIAL",
    leaseStart: `${period(newestAgo + classifications.length - 1)}-01`,
    leaseEnd: null,
    monthlyRent: rent,
    months: classifications.map((classification, index) => ({
      period: period(newestAgo + index),
      classification,
      amountDue: rent,
      amountPaid: classification === "DID_NOT_PAY" ? 0 : classification === "PARTIALLY_PAID" ? rent / 2 : rent,
    })),
  };
}

/** `length` months on time except at the given indexes. */
function history(length: number, exceptions: Partial<Record<number, Classification>> = {}): Classification[] {
  return Array.from({ length }, (_, index) => exceptions[index] ?? "PAID_ON_TIME");
}

/** A clean consumer record: V0, grade A, 12 months on time, nothing adverse (score 100). */
function consumer(overrides: Partial<ConsumerReport> = {}): ConsumerReport {
  return {
    ...HEADER,
    subject: { firstName: "Thandiwe", surname: "Dlamini", idVerification: { code: "V0", description: "Verified" } },
    bureauGrade: "A",
    rentalPaymentProfile: [lease(history(12))],
    defaults: [],
    judgments: [],
    notices: [],
    fraudAlerts: [],
    creditExposure: { openAccounts: 2, totalBalance: 20_000, monthlyInstalments: 900, arrearsAmount: 0, worstArrearsMonths: 0 },
    ...overrides,
  };
}

/** A clean company record: in business, grade A, 12 months on time, two directors, nothing adverse. */
function company(overrides: Partial<CommercialReport> = {}): CommercialReport {
  return {
    ...HEADER,
    company: { name: "Karoo Trading (Pty) Ltd", registrationNumber: "2016/482913/07", type: "PRIVATE_COMPANY", status: "IN_BUSINESS", registeredAt: "2016-03-01" },
    directors: [
      { name: "Sipho Nkosi", idNumberLast4: "4083", appointedAt: "2016-05-12", adverse: false },
      { name: "Annelie Botha", idNumberLast4: "1187", appointedAt: "2018-01-20", adverse: false },
    ],
    bureauGrade: "A",
    rentalPaymentProfile: [lease(history(12))],
    defaults: [],
    judgments: [],
    notices: [],
    ...overrides,
  };
}

const assess = (input: Omit<RiskInput, "asOf">) => assessRisk({ ...input, asOf: AS_OF });
const adverse = (reasons: readonly Reason[]) => reasons.filter((reason) => reason.severity !== "POSITIVE");

interface Case {
  input: Omit<RiskInput, "asOf">;
  severity: ReasonSeverity;
  points: number;
  sentence: string;
  evidence: string[];
}

const CONFIRM = "Confirm the applicant's identity before going any further.";

const CASES = {
  ID_NOT_VERIFIED: {
    input: { report: consumer({ subject: { idVerification: { code: "V1" } } }) },
    severity: "HARD_STOP",
    points: -60,
    sentence: `Home Affairs has no record of this ID number ever being issued. ${CONFIRM}`,
    evidence: ["ID verification: V1 (ID number never issued)"],
  },
  ID_DECEASED: {
    input: { report: consumer({ subject: { idVerification: { code: "V4", description: "Deceased" } } }) },
    severity: "HARD_STOP",
    points: -60,
    sentence: `Home Affairs records the holder of this ID number as deceased. ${CONFIRM}`,
    evidence: ["ID verification: V4 (deceased)"],
  },
  FRAUD_ALERT: {
    input: { report: consumer({ fraudAlerts: [{ source: "SAFPS", type: "IMPERSONATION", date: "2026-08-17" }] }) },
    severity: "HARD_STOP",
    points: -60,
    sentence: "A fraud alert says someone has impersonated the holder of this identity. Confirm the applicant's identity in person before going any further.",
    evidence: ["SAFPS impersonation alert, 2026-08"],
  },
  NO_RECORD: {
    input: { report: { ...HEADER, found: false } },
    severity: "MEDIUM",
    points: -40,
    sentence:
      "TPN holds no record of this applicant: no rental history, no credit record and no ID verification. No record is not the same as a clean record.",
    evidence: ["TPN report: no record of the subject (found = false)"],
  },
  ID_VERIFICATION_PENDING: {
    input: { report: consumer({ subject: { idVerification: { code: "V2" } } }) },
    severity: "MEDIUM",
    points: -10,
    sentence: "The ID number has not yet been verified against Home Affairs.",
    evidence: ["ID verification: V2 (not yet verified)"],
  },
  RENT_NOT_PAID: {
    input: { report: consumer({ rentalPaymentProfile: [lease(history(24, { 0: "DID_NOT_PAY", 15: "DID_NOT_PAY" }))] }) },
    severity: "HIGH",
    points: -18,
    sentence: "1 of the 12 rent payments in the last 12 months was not paid at all, and 1 of the 12 in the 12 months before.",
    evidence: ["2026-11: not paid, R 8 000 due", "2025-08: not paid, R 8 000 due"],
  },
  RENT_PARTIALLY_PAID: {
    input: { report: consumer({ rentalPaymentProfile: [lease(history(12, { 2: "PARTIALLY_PAID" }))] }) },
    severity: "MEDIUM",
    points: -8,
    sentence: "1 of the 12 rent payments in the last 12 months was paid only in part.",
    evidence: ["2026-09: R 4 000 of R 8 000 paid"],
  },
  RENT_PAID_LATE: {
    input: { report: consumer({ rentalPaymentProfile: [lease(history(12, { 0: "PAID_LATE", 4: "PAID_LATE", 8: "PAID_LATE" }))] }) },
    severity: "MEDIUM",
    points: -15,
    sentence: "3 of the 12 rent payments in the last 12 months were paid late.",
    evidence: ["2026-11: paid late, R 8 000 due", "2026-07: paid late, R 8 000 due", "2026-03: paid late, R 8 000 due"],
  },
  RENT_GRACE_PERIOD: {
    input: { report: consumer({ rentalPaymentProfile: [lease(history(24, { 13: "GRACE_PERIOD", 20: "GRACE_PERIOD" }))] }) },
    severity: "LOW",
    points: -2,
    sentence: "2 of the 12 rent payments 13 to 24 months ago were paid within the grace period; none in the last 12 months.",
    evidence: ["2025-10: paid in the grace period, R 8 000 due", "2025-03: paid in the grace period, R 8 000 due"],
  },
  NO_RENTAL_HISTORY: {
    input: { report: consumer({ rentalPaymentProfile: [] }) },
    severity: "MEDIUM",
    points: -10,
    sentence: "TPN holds no rental payment history for the last 24 months, so there is no track record of paying rent.",
    evidence: ["No rent months reported for the 24 months before 2026-12"],
  },
  LIMITED_RENTAL_HISTORY: {
    input: { report: consumer({ rentalPaymentProfile: [lease(history(3))] }) },
    severity: "LOW",
    points: -4,
    sentence: "Only 3 rent payments in the last 24 months were paid on time or within the grace period: a short track record.",
    evidence: ["3 of 3 months reported for 2026-09 to 2026-11 paid on time or within the grace period"],
  },
  GOOD_PAYMENT_HISTORY: {
    input: { report: consumer() },
    severity: "POSITIVE",
    points: 0,
    sentence: "All 12 rent payments reported for the last 24 months were paid on time.",
    evidence: ["2025-12 to 2026-11: 12 paid on time"],
  },
  ACTIVE_DEFAULT: {
    input: { report: consumer({ defaults: [{ creditor: "Rawson Rentals", category: "RENTAL", amount: 18_500, listedAt: "2026-10-03", status: "ACTIVE" }] }) },
    severity: "HIGH",
    points: -16,
    sentence: "An unpaid rental default of R 18 500 is listed against the applicant.",
    evidence: ["Active rental default of R 18 500, listed 2026-10"],
  },
  PAID_DEFAULT: {
    input: { report: consumer({ defaults: [{ creditor: "Edgars", category: "RETAIL", amount: 1200, listedAt: "2025-06-20", status: "PAID" }] }) },
    severity: "LOW",
    points: -2,
    sentence: "A default listed in the last 24 months has since been paid.",
    evidence: ["Paid retail default of R 1 200, listed 2025-06"],
  },
  ACTIVE_JUDGMENT: {
    input: {
      report: consumer({
        judgments: [
          { caseNumber: "12345/2024", court: "Johannesburg Magistrate's Court", plaintiff: "Johan Smit", amount: 45_000, judgmentDate: "2024-03-11", status: "ACTIVE" },
        ],
      }),
    },
    severity: "HIGH",
    points: -8,
    sentence: "An unpaid court judgment of R 45 000 was granted against the applicant in 2024-03.",
    evidence: ["Active judgment of R 45 000 from 2024-03, case 12345/2024, Johannesburg Magistrate's Court"],
  },
  SATISFIED_JUDGMENT: {
    input: {
      report: consumer({
        judgments: [{ caseNumber: "777/2025", court: "Cape Town Magistrate's Court", plaintiff: "Woolworths", amount: 5000, judgmentDate: "2025-09-02", status: "SATISFIED" }],
      }),
    },
    severity: "LOW",
    points: 0,
    sentence: "A court judgment from the last 24 months has since been paid in full (satisfied); it does not count against the score.",
    evidence: ["Satisfied judgment of R 5 000 from 2025-09, case 777/2025, Cape Town Magistrate's Court"],
  },
  SEQUESTRATION: {
    input: {
      report: consumer({ notices: [{ type: "SEQUESTRATION", date: "2025-05-07", reference: "T1234/2025", court: "Gauteng Division, Pretoria", status: "ACTIVE" }] }),
    },
    severity: "HIGH",
    points: -60,
    sentence: "The applicant's estate has been sequestrated: a court has declared them insolvent.",
    evidence: ["Active sequestration notice from 2025-05, reference T1234/2025, Gauteng Division, Pretoria"],
  },
  ADMINISTRATION_ORDER: {
    input: { report: consumer({ notices: [{ type: "ADMINISTRATION_ORDER", date: "2026-02-01", reference: "AO55/2026", status: "ACTIVE" }] }) },
    severity: "HIGH",
    points: -45,
    sentence: "The applicant is under an administration order: a court-appointed administrator pays their creditors from their income.",
    evidence: ["Active administration order notice from 2026-02, reference AO55/2026"],
  },
  DEBT_REVIEW: {
    input: { report: consumer({ notices: [{ type: "DEBT_REVIEW", date: "2025-10-08", reference: "DC4821", status: "ACTIVE" }] }) },
    severity: "HIGH",
    points: -45,
    sentence: "The applicant is under debt review: a debt counsellor found them over-indebted and their debt repayments are being restructured.",
    evidence: ["Active debt review notice from 2025-10, reference DC4821"],
  },
  EVICTION_ORDER: {
    input: { report: consumer({ notices: [{ type: "EVICTION_ORDER", date: "2025-03-20", court: "Cape Town Magistrate's Court", status: "COMPLETED" }] }) },
    severity: "HIGH",
    points: -25,
    sentence: "An eviction order has been granted against the applicant.",
    evidence: ["Completed eviction order notice from 2025-03, Cape Town Magistrate's Court"],
  },
  SUMMONS: {
    input: { report: consumer({ notices: [{ type: "SUMMONS", date: "2026-11-02", status: "ACTIVE" }] }) },
    severity: "MEDIUM",
    points: -8,
    sentence: "A summons (a claim in court) has been issued against the applicant and is not yet decided.",
    evidence: ["Active summons notice from 2026-11"],
  },
  REHABILITATION: {
    input: { report: consumer({ notices: [{ type: "REHABILITATION", date: "2019-04-01", status: "COMPLETED" }] }) },
    severity: "LOW",
    points: -3,
    sentence: "The applicant was insolvent in the past and has since been rehabilitated by a court.",
    evidence: ["Completed rehabilitation notice from 2019-04"],
  },
  CREDIT_ARREARS: {
    input: { report: consumer({ creditExposure: { openAccounts: 3, totalBalance: 50_000, monthlyInstalments: 1500, arrearsAmount: 3120, worstArrearsMonths: 2 } }) },
    severity: "MEDIUM",
    points: -8,
    sentence: "Credit accounts are R 3 120 in arrears, and payments fell up to 2 months behind in the last 24 months.",
    evidence: ["Arrears on credit accounts: R 3 120", "Worst arrears in the last 24 months: 2 months"],
  },
  HIGH_CREDIT_UTILISATION: {
    input: {
      report: consumer({ creditExposure: { openAccounts: 4, totalBalance: 400_000, monthlyInstalments: 12_000, arrearsAmount: 0, worstArrearsMonths: 0 } }),
      grossMonthlyIncome: 25_000,
    },
    severity: "MEDIUM",
    points: -6,
    sentence: "Credit instalments of R 12 000 a month already take 48% of the declared gross income of R 25 000.",
    evidence: ["Monthly credit instalments: R 12 000 on 4 open accounts", "Declared gross monthly income: R 25 000"],
  },
  LOW_BUREAU_GRADE: {
    input: { report: consumer({ bureauGrade: "D" }) },
    severity: "LOW",
    points: -5,
    sentence: "TPN grades this record D on its scale from A (best) to F (worst).",
    evidence: ["Bureau grade: D"],
  },
  COMPANY_DEREGISTERED: {
    input: { report: company({ company: { status: "DEREGISTERED" } }) },
    severity: "HIGH",
    points: -60,
    sentence: "CIPC lists the company as deregistered: it no longer exists as a legal entity and cannot be held to a lease.",
    evidence: ["Company status: deregistered"],
  },
  COMPANY_IN_LIQUIDATION: {
    input: {
      report: company({
        company: { status: "IN_LIQUIDATION" },
        notices: [{ type: "LIQUIDATION", date: "2026-11-19", reference: "G512/2026", court: "Western Cape Division, Cape Town", status: "ACTIVE" }],
      }),
    },
    severity: "HIGH",
    points: -50,
    sentence: "The company is being liquidated (wound up) and may not be able to pay rent.",
    evidence: ["Company status: in liquidation", "Active liquidation notice from 2026-11, reference G512/2026, Western Cape Division, Cape Town"],
  },
  COMPANY_IN_BUSINESS_RESCUE: {
    input: { report: company({ notices: [{ type: "BUSINESS_RESCUE", date: "2026-06-30", status: "ACTIVE" }] }) },
    severity: "HIGH",
    points: -35,
    sentence: "The company is in business rescue: it is in financial distress and is run under a business rescue practitioner's supervision.",
    evidence: ["Active business rescue notice from 2026-06"],
  },
  ADVERSE_DIRECTOR: {
    input: {
      report: company({
        directors: [
          { name: "Sipho Nkosi", idNumberLast4: "4083", appointedAt: "2016-05-12", adverse: true },
          { name: "Annelie Botha", idNumberLast4: "1187", appointedAt: "2018-01-20", adverse: false },
        ],
      }),
    },
    severity: "MEDIUM",
    points: -10,
    sentence: "1 of the company's 2 directors has adverse credit records of their own.",
    evidence: ["Director appointed 2016-05: adverse records"],
  },
  RENT_UNAFFORDABLE: {
    input: { report: consumer(), monthlyRent: 12_000, grossMonthlyIncome: 25_000 },
    severity: "MEDIUM",
    points: -15,
    sentence: "The rent of R 12 000 takes 48% of the declared gross monthly income of R 25 000, more than the 40% a household can usually sustain.",
    evidence: ["Monthly rent: R 12 000", "Declared gross monthly income: R 25 000", "Rent to income: 48%"],
  },
  RENT_STRETCHED: {
    input: { report: consumer(), monthlyRent: 10_500, grossMonthlyIncome: 30_000 },
    severity: "MEDIUM",
    points: -5,
    sentence: "The rent of R 10 500 takes 35% of the declared gross monthly income of R 30 000, more than the 30% that is comfortably affordable.",
    evidence: ["Monthly rent: R 10 500", "Declared gross monthly income: R 30 000", "Rent to income: 35%"],
  },
} satisfies Record<ReasonCode, Case>;

describe("one test per reason code", () => {
  it("covers every reason code", () => {
    expect(Object.keys(CASES).sort()).toEqual([...REASON_CODES].sort());
  });

  it("scores the clean baselines at 100 with nothing adverse", () => {
    for (const report of [consumer(), company()]) {
      const result = assess({ report });
      expect(result.score).toBe(100);
      expect(adverse(result.reasons)).toEqual([]);
    }
  });

  it.each(Object.entries(CASES))("%s", (code, expected: Case) => {
    const result = assess(expected.input);
    const codes = expected.severity === "POSITIVE" ? result.reasons.map((reason) => reason.code) : adverse(result.reasons).map((reason) => reason.code);
    expect(codes).toEqual([code]);
    const reason = result.reasons.find((item) => item.code === code);
    expect(reason).toEqual({ code, severity: expected.severity, points: expected.points, sentence: expected.sentence, evidence: expected.evidence });
    expect(result.score).toBe(Math.max(0, 100 + expected.points));
    expect(riskAssessmentSchema.parse(JSON.parse(JSON.stringify(result)))).toEqual(result);
  });
});

describe("reason variants", () => {
  it("ID verification V3 (surname mismatch) is the same hard stop with its own sentence", () => {
    const [first] = assess({ report: consumer({ subject: { idVerification: { code: "V3" } } }) }).reasons;
    expect(first).toMatchObject({
      code: "ID_NOT_VERIFIED",
      severity: "HARD_STOP",
      sentence: `The surname given does not match the surname Home Affairs holds for this ID number. ${CONFIRM}`,
      evidence: ["ID verification: V3 (surname mismatch)"],
    });
  });

  it("a missing ID verification result is pending verification, not verified", () => {
    const result = assess({ report: consumer({ subject: {} }) });
    expect(adverse(result.reasons)).toEqual([
      { code: "ID_VERIFICATION_PENDING", severity: "MEDIUM", points: -10, sentence: "TPN returned no ID verification result for this applicant.", evidence: ["ID verification: no result"] },
    ]);
  });

  it("a protective registration is still a hard stop, described as such", () => {
    const [first] = assess({ report: consumer({ fraudAlerts: [{ source: "SAFPS", type: "PROTECTIVE_REGISTRATION", date: "2023-02-01" }] }) }).reasons;
    expect(first?.code).toBe("FRAUD_ALERT");
    expect(first?.sentence).toBe(
      "The holder of this identity has registered it as protected because it may be misused, for example after a lost or stolen ID. Confirm the applicant's identity in person before going any further.",
    );
  });

  it("several defaults are summed, with the rental ones counted", () => {
    const result = assess({
      report: consumer({
        defaults: [
          { creditor: "Rawson Rentals", category: "RENTAL", amount: 18_500, listedAt: "2026-10-03", status: "ACTIVE" },
          { creditor: "Telkom", category: "TELECOMS", amount: 2340.5, listedAt: "2026-03-14", status: "ACTIVE" },
          { creditor: "Someone", category: "OTHER", amount: 900, listedAt: "2026-01-14", status: "DISPUTED" },
        ],
      }),
    });
    expect(adverse(result.reasons)).toEqual([
      {
        code: "ACTIVE_DEFAULT",
        severity: "HIGH",
        points: -28,
        sentence: "2 unpaid defaults totalling R 20 840.50 are listed against the applicant, 1 of them for rent.",
        evidence: ["Active rental default of R 18 500, listed 2026-10", "Active telecoms default of R 2 340.50, listed 2026-03"],
      },
    ]);
  });

  it("credit instalments just over the threshold are not shown as exactly on it", () => {
    const result = assess({
      report: consumer({ creditExposure: { monthlyInstalments: 8750.01, arrearsAmount: 0, worstArrearsMonths: 0 } }),
      grossMonthlyIncome: 25_000,
    });
    expect(result.reasons.find((reason) => reason.code === "HIGH_CREDIT_UTILISATION")).toMatchObject({
      points: -6,
      sentence: "Credit instalments of R 8 750.01 a month already take just over 35% of the declared gross income of R 25 000.",
    });
    const veryHigh = assess({ report: consumer({ creditExposure: { monthlyInstalments: 13_000 } }), grossMonthlyIncome: 25_000 });
    expect(veryHigh.reasons.find((reason) => reason.code === "HIGH_CREDIT_UTILISATION")?.points).toBe(-12);
    const fine = assess({ report: consumer({ creditExposure: { monthlyInstalments: 8750 } }), grossMonthlyIncome: 25_000 });
    expect(fine.reasons.map((reason) => reason.code)).not.toContain("HIGH_CREDIT_UTILISATION");
  });

  it("a company's no-record sentence speaks of the company", () => {
    const result = assess({ report: { ...HEADER, found: false }, subjectType: "company" });
    expect(result.subjectType).toBe("company");
    expect(result.reasons[0]?.sentence).toBe(
      "TPN holds no record of this company: no rental history, no credit record and nothing to verify it by. No record is not the same as a clean record.",
    );
  });

  it("rescinded judgments, withdrawn notices and disputed defaults are not scored", () => {
    const result = assess({
      report: consumer({
        judgments: [{ caseNumber: "1/2026", court: "Durban Magistrate's Court", plaintiff: "X", amount: 9000, judgmentDate: "2026-06-01", status: "RESCINDED" }],
        notices: [
          { type: "DEBT_REVIEW", date: "2026-01-01", status: "WITHDRAWN" },
          { type: "SEQUESTRATION", date: "2026-01-01", status: "WITHDRAWN" },
          { type: "DEBT_REVIEW", date: "2024-01-01", status: "COMPLETED" },
        ],
        defaults: [{ creditor: "Y", amount: 500, listedAt: "2026-05-01", status: "DISPUTED" }],
      }),
    });
    expect(result.score).toBe(100);
    expect(adverse(result.reasons)).toEqual([]);
  });

  it("rental months older than 24 months are not scored, only noted", () => {
    const result = assess({ report: consumer({ rentalPaymentProfile: [lease(history(6, { 0: "DID_NOT_PAY" }), 30)] }) });
    expect(adverse(result.reasons)).toEqual([
      {
        code: "NO_RENTAL_HISTORY",
        severity: "MEDIUM",
        points: -10,
        sentence: "TPN holds no rental payment history for the last 24 months, so there is no track record of paying rent.",
        evidence: ["No rent months reported for the 24 months before 2026-12", "6 older months reported, beyond the 24 months the model scores"],
      },
    ]);
  });
});

describe("recency and caps", () => {
  const lateAt = (ago: number) => assess({ report: consumer({ rentalPaymentProfile: [lease(history(12)), lease(["PAID_LATE"], ago)] }) });

  it("a late month in the last 12 months costs 5, 13-24 months ago 2, older nothing", () => {
    expect(lateAt(12).score).toBe(95);
    expect(lateAt(13).score).toBe(98);
    expect(lateAt(24).score).toBe(98);
    expect(lateAt(25).score).toBe(100);
  });

  it("unpaid months are capped at 48 points", () => {
    const result = assess({ report: consumer({ rentalPaymentProfile: [lease(history(12, Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, "DID_NOT_PAY"]))))] }) });
    expect(result.reasons.find((reason) => reason.code === "RENT_NOT_PAID")?.points).toBe(-48);
  });

  it("active defaults weigh by when they were listed, more for rent", () => {
    const points = (listedAt: string, category: "RENTAL" | "FINANCE") =>
      assess({ report: consumer({ defaults: [{ creditor: "C", category, amount: 1000, listedAt, status: "ACTIVE" }] }) }).reasons.find((r) => r.code === "ACTIVE_DEFAULT")?.points;
    expect([points("2026-01-01", "FINANCE"), points("2025-06-01", "FINANCE"), points("2023-01-01", "FINANCE")]).toEqual([-12, -8, -4]);
    expect(points("2026-01-01", "RENTAL")).toBe(-16);
  });

  it("the score never goes below 0", () => {
    const result = assess({
      report: consumer({
        subject: { idVerification: { code: "V4" } },
        fraudAlerts: [{ source: "SAFPS", type: "IMPERSONATION", date: "2026-01-01" }],
        notices: [{ type: "SEQUESTRATION", date: "2026-01-01", status: "ACTIVE" }],
      }),
    });
    expect(result.score).toBe(0);
    expect(result.band).toBe("VERY_HIGH");
  });
});

describe("ordering", () => {
  it("puts hard stops first, then by severity, then by the size of the deduction", () => {
    const result = assess({
      report: consumer({
        subject: { idVerification: { code: "V4" } },
        bureauGrade: "F",
        notices: [{ type: "SEQUESTRATION", date: "2026-01-01", status: "ACTIVE" }],
        defaults: [{ creditor: "C", category: "FINANCE", amount: 1000, listedAt: "2026-01-01", status: "ACTIVE" }],
        creditExposure: { arrearsAmount: 100, worstArrearsMonths: 1 },
        rentalPaymentProfile: [lease(history(12, { 0: "PAID_LATE", 1: "GRACE_PERIOD" }))],
      }),
    });
    expect(result.reasons.map((reason) => `${reason.severity}:${reason.code}`)).toEqual([
      "HARD_STOP:ID_DECEASED",
      "HIGH:SEQUESTRATION",
      "HIGH:ACTIVE_DEFAULT",
      "MEDIUM:CREDIT_ARREARS",
      "MEDIUM:RENT_PAID_LATE",
      "LOW:LOW_BUREAU_GRADE",
      "LOW:RENT_GRACE_PERIOD",
    ]);
  });

  it("lists every factor looked at, with its points adding up to the reasons'", () => {
    const result = assess({ report: consumer({ bureauGrade: "C", rentalPaymentProfile: [lease(history(12, { 0: "PAID_LATE" }))] }), monthlyRent: 5000, grossMonthlyIncome: 30_000 });
    expect(result.factors.map((factor) => factor.factor)).toEqual([
      "IDENTITY",
      "FRAUD",
      "RENTAL_HISTORY",
      "DEFAULTS",
      "JUDGMENTS",
      "NOTICES",
      "CREDIT",
      "BUREAU_GRADE",
      "AFFORDABILITY",
    ]);
    expect(result.factors.find((factor) => factor.factor === "RENTAL_HISTORY")).toEqual({
      factor: "RENTAL_HISTORY",
      label: "Rental payment history",
      points: -5,
      reasonCodes: ["RENT_PAID_LATE"],
    });
    expect(result.factors.reduce((total, factor) => total + factor.points, 0)).toBe(result.reasons.reduce((total, reason) => total + reason.points, 0));
  });
});

describe("recommendation", () => {
  it("accepts a clean record, with a summary", () => {
    expect(assess({ report: consumer() }).recommendation).toEqual({
      code: "ACCEPT",
      summary: "Low risk (score 100 of 100). The TPN record supports accepting the applicant.",
    });
  });

  it("in the LOW band, a MEDIUM reason calls for conditions that answer it", () => {
    const result = assess({ report: consumer({ rentalPaymentProfile: [lease(history(12, { 0: "PAID_LATE" }))] }) });
    expect(result.band).toBe("LOW");
    expect(result.recommendation).toEqual({
      code: "ACCEPT_WITH_CONDITIONS",
      conditions: ["Have the rent collected by debit order on the applicant's payday.", "Ask for a deposit of two months' rent instead of one."],
      summary: "Low risk (score 95 of 100). Accept with conditions. Main concern: 1 of the 12 rent payments in the last 12 months was paid late.",
    });
  });

  it("in the LOW band, LOW reasons alone do not", () => {
    const result = assess({ report: consumer({ bureauGrade: "C", rentalPaymentProfile: [lease(history(12, { 3: "GRACE_PERIOD" }))] }) });
    expect(result.recommendation.code).toBe("ACCEPT");
  });

  it("MODERATE is accepted with conditions (a deposit when no reason calls for anything specific)", () => {
    const result = assess({
      report: consumer({
        bureauGrade: "F",
        defaults: [{ creditor: "C", category: "RETAIL", amount: 100, listedAt: "2026-01-01", status: "PAID" }],
        judgments: [{ caseNumber: "1/2026", court: "Court", plaintiff: "P", amount: 100, judgmentDate: "2026-01-01", status: "SATISFIED" }],
        notices: [{ type: "REHABILITATION", date: "2020-01-01", status: "COMPLETED" }],
        rentalPaymentProfile: [lease(history(3, { 0: "GRACE_PERIOD", 1: "GRACE_PERIOD", 2: "GRACE_PERIOD" }))],
      }),
    });
    expect(result.score).toBe(100 - 12 - 2 - 3 - 6 - 4);
    expect(result.band).toBe("MODERATE");
    expect(result.recommendation).toMatchObject({
      code: "ACCEPT_WITH_CONDITIONS",
      conditions: ["Have the rent collected by debit order on the applicant's payday.", "Ask a previous landlord for a written reference."],
    });
  });

  it("HIGH and VERY_HIGH are referred for review", () => {
    const result = assess({ report: consumer({ notices: [{ type: "DEBT_REVIEW", date: "2026-01-01", status: "ACTIVE" }] }) });
    expect(result).toMatchObject({ score: 55, band: "HIGH" });
    expect(result.recommendation.code).toBe("REFER_FOR_REVIEW");
  });

  it("a hard stop is referred for review even with an otherwise perfect record", () => {
    const result = assess({ report: consumer({ fraudAlerts: [{ source: "SAFPS", type: "FRAUDULENT_APPLICATION", date: "2026-01-01" }] }), monthlyRent: 3000, grossMonthlyIncome: 50_000 });
    expect(result).toMatchObject({ score: 40, band: "HIGH" });
    expect(result.recommendation).toEqual({
      code: "REFER_FOR_REVIEW",
      summary:
        "High risk (score 40 of 100). Refer for review: A fraud alert records a fraudulent application made with this identity. Confirm the applicant's identity in person before going any further.",
    });
  });

  it("no record is referred for review, whatever the affordability", () => {
    const result = assess({ report: { ...HEADER, found: false }, monthlyRent: 3000, grossMonthlyIncome: 50_000 });
    expect(result).toMatchObject({ score: 60, band: "MODERATE", affordability: { verdict: "AFFORDABLE" } });
    expect(result.recommendation.code).toBe("REFER_FOR_REVIEW");
    expect(result.recommendation.summary).toContain("A person should check the applicant's identity, income and references before deciding.");
  });

  it("words conditions for a company", () => {
    const result = assess({
      report: company({ directors: [{ appointedAt: "2016-05-12", adverse: true }, { adverse: false }] }),
    });
    expect(result.recommendation).toMatchObject({ code: "ACCEPT_WITH_CONDITIONS", conditions: ["Ask the company's directors to sign a personal surety for the lease."] });
  });
});

describe("affordability", () => {
  const verdict = (monthlyRent: number, grossMonthlyIncome: number) => assess({ report: consumer(), monthlyRent, grossMonthlyIncome }).affordability;

  it("is affordable up to and including 30% of gross income", () => {
    expect(verdict(9000, 30_000)).toEqual({
      rentToIncomeRatio: 0.3,
      verdict: "AFFORDABLE",
      sentence: "The rent of R 9 000 is 30% of the declared gross monthly income of R 30 000: affordable (30% or less).",
    });
  });

  it("is stretched above 30% up to and including 40%", () => {
    expect(verdict(9000.01, 30_000)).toMatchObject({
      verdict: "STRETCHED",
      sentence: "The rent of R 9 000.01 is just over 30% of the declared gross monthly income of R 30 000: stretched (more than 30%, up to 40%).",
    });
    expect(verdict(12_000, 30_000)).toEqual({
      rentToIncomeRatio: 0.4,
      verdict: "STRETCHED",
      sentence: "The rent of R 12 000 is 40% of the declared gross monthly income of R 30 000: stretched (more than 30%, up to 40%).",
    });
  });

  it("is unaffordable above 40%", () => {
    expect(verdict(12_000.01, 30_000)).toMatchObject({ verdict: "UNAFFORDABLE", rentToIncomeRatio: 0.4 });
    expect(verdict(12_000.01, 30_000)?.sentence).toContain("just over 40%");
    expect(verdict(15_000, 30_000)).toEqual({
      rentToIncomeRatio: 0.5,
      verdict: "UNAFFORDABLE",
      sentence: "The rent of R 15 000 is 50% of the declared gross monthly income of R 30 000: unaffordable (more than 40%).",
    });
  });

  it("is only assessed when both the rent and the income are given", () => {
    expect(assess({ report: consumer(), monthlyRent: 9000 }).affordability).toBeUndefined();
    expect(assess({ report: consumer(), grossMonthlyIncome: 30_000 }).affordability).toBeUndefined();
    expect(assess({ report: consumer(), grossMonthlyIncome: 30_000 }).factors.map((factor) => factor.factor)).not.toContain("AFFORDABILITY");
  });

  it("stretched and unaffordable rent lower the score; affordable rent does not", () => {
    expect([9000, 10_500, 13_000].map((rent) => assess({ report: consumer(), monthlyRent: rent, grossMonthlyIncome: 30_000 }).score)).toEqual([100, 95, 85]);
  });
});

describe("inputs", () => {
  afterEach(() => vi.useRealTimers());

  it("rejects an invalid asOf and amounts that are not more than R 0", () => {
    expect(() => assessRisk({ report: consumer(), asOf: new Date("nonsense") })).toThrow(RangeError);
    for (const amount of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => assess({ report: consumer(), monthlyRent: amount, grossMonthlyIncome: 10_000 })).toThrow(RangeError);
      expect(() => assess({ report: consumer(), monthlyRent: 1000, grossMonthlyIncome: amount })).toThrow(RangeError);
    }
  });

  it("does not read the clock: the same input gives the same assessment at any time", () => {
    const report = consumer({ rentalPaymentProfile: [lease(history(24, { 2: "PAID_LATE", 16: "DID_NOT_PAY" }))] });
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2031-01-01T00:00:00Z"));
    const later = assess({ report });
    vi.setSystemTime(new Date("2020-01-01T00:00:00Z"));
    expect(assess({ report })).toEqual(later);
    expect(later.asOf).toBe("2026-12-15T08:00:00.000Z");
  });

  it("counts months back from asOf", () => {
    const report = consumer({ rentalPaymentProfile: [lease(history(12, { 11: "PAID_LATE" }))] });
    expect(assessRisk({ report, asOf: AS_OF }).score).toBe(95);
    expect(assessRisk({ report, asOf: new Date("2027-01-15T00:00:00Z") }).score).toBe(98);
  });

  it("takes the subject type when given, and otherwise infers it", () => {
    expect(assess({ report: company() }).subjectType).toBe("company");
    expect(assess({ report: consumer() }).subjectType).toBe("individual");
    expect(assess({ report: { ...HEADER, bureauGrade: "A", rentalPaymentProfile: [lease(history(12))] }, subjectType: "company" }).factors[0]?.factor).toBe("COMPANY");
  });
});

describe("formatRand", () => {
  it("writes rand the South African way", () => {
    expect([45_000, 2340.5, 1_234_567.89, 0, 999, 1000, -1200].map(formatRand)).toEqual([
      "R 45 000",
      "R 2 340.50",
      "R 1 234 567.89",
      "R 0",
      "R 999",
      "R 1 000",
      "-R 1 200",
    ]);
  });
});

describe("docs/risk-model.md", () => {
  const doc = readFileSync(new URL("../../docs/risk-model.md", import.meta.url), "utf8");

  it("names the current model version and documents every reason code", () => {
    expect(doc).toContain(RISK_MODEL_VERSION);
    for (const code of REASON_CODES) expect(doc, code).toContain(`\`${code}\``);
  });
});

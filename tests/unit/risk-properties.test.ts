/**
 * Properties of the risk model, checked with fast-check over generated TPN reports:
 * (a) adding adverse information never raises the score, and never improves the band or the recommendation;
 * (b) more on-time months (older than the ones on record, within the 24-month window) never lower the score;
 * (c) the score is always a whole number from 0 to 100 and the assessment survives a storage round trip;
 * (d) a hard stop always gives REFER_FOR_REVIEW with the hard stop first, and never a LOW or MODERATE band.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessRisk, bandRank, RECOMMENDATION_RANK, riskAssessmentSchema, type RiskAssessment } from "@/lib/risk";
import type { CommercialReport, ConsumerReport } from "@/lib/tpn/types";

type Lease = NonNullable<ConsumerReport["rentalPaymentProfile"]>[number];
type Month = Lease["months"][number];
type Classification = Month["classification"];
type Default = NonNullable<ConsumerReport["defaults"]>[number];
type Judgment = NonNullable<ConsumerReport["judgments"]>[number];
type Notice = NonNullable<ConsumerReport["notices"]>[number];
type FraudAlert = NonNullable<ConsumerReport["fraudAlerts"]>[number];
type VerificationCode = NonNullable<NonNullable<ConsumerReport["subject"]>["idVerification"]>["code"];
type AnyReport = ConsumerReport | CommercialReport;

const AS_OF = new Date("2026-12-15T08:00:00.000Z");
const AS_OF_MONTH = 2026 * 12 + 11;
const HEADER = { enquiryId: "enq_prop", generatedAt: "2026-12-15T08:00:00.000Z", found: true, billing: { chargeable: true, reference: "bill_prop" } };

const pad = (value: number) => String(value).padStart(2, "0");
const periodAgo = (ago: number) => {
  const index = AS_OF_MONTH - ago;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
};
const monthsAgoOf = (period: string) => AS_OF_MONTH - (Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1);

// ---------------------------------------------------------------------------------------------------
// Arbitraries

const CLASSIFICATIONS: readonly Classification[] = ["PAID_ON_TIME", "GRACE_PERIOD", "PAID_LATE", "PARTIALLY_PAID", "DID_NOT_PAY"];
const ADVERSE_MONTHS: readonly Classification[] = ["GRACE_PERIOD", "PAID_LATE", "PARTIALLY_PAID", "DID_NOT_PAY"];
const money = fc.integer({ min: 1, max: 50_000_000 }).map((cents) => cents / 100);
const dateArb = fc.record({ ago: fc.integer({ min: -2, max: 48 }), day: fc.integer({ min: 1, max: 28 }) }).map(({ ago, day }) => `${periodAgo(ago)}-${pad(day)}`);

function month(classification: Classification, ago: number, rent: number): Month {
  return {
    period: periodAgo(ago),
    classification,
    amountDue: rent,
    amountPaid: classification === "DID_NOT_PAY" ? 0 : classification === "PARTIALLY_PAID" ? rent / 2 : rent,
  };
}

const leaseArb: fc.Arbitrary<Lease> = fc
  .record({ newestAgo: fc.integer({ min: 0, max: 30 }), rent: money, classifications: fc.array(fc.constantFrom(...CLASSIFICATIONS), { maxLength: 30 }) })
  .map(({ newestAgo, rent, classifications }) => ({
    reference: "Agency",
    leaseStart: `${periodAgo(newestAgo + classifications.length)}-01`,
    monthlyRent: rent,
    months: classifications.map((classification, index) => month(classification, newestAgo + index, rent)),
  }));

const defaultArb: fc.Arbitrary<Default> = fc.record({
  creditor: fc.constant("Creditor"),
  category: fc.constantFrom("RENTAL", "RETAIL", "TELECOMS", "FINANCE", "UTILITIES", "OTHER", undefined),
  amount: money,
  listedAt: dateArb,
  status: fc.constantFrom("ACTIVE", "PAID", "DISPUTED"),
});

const judgmentArb: fc.Arbitrary<Judgment> = fc.record({
  caseNumber: fc.constant("123/2025"),
  court: fc.constant("Durban Magistrate's Court"),
  plaintiff: fc.constant("Plaintiff"),
  amount: money,
  judgmentDate: dateArb,
  status: fc.constantFrom("ACTIVE", "RESCINDED", "SATISFIED"),
});

const noticeArb: fc.Arbitrary<Notice> = fc.record({
  type: fc.constantFrom("SEQUESTRATION", "REHABILITATION", "ADMINISTRATION_ORDER", "DEBT_REVIEW", "EVICTION_ORDER", "SUMMONS", "LIQUIDATION", "BUSINESS_RESCUE"),
  date: dateArb,
  status: fc.constantFrom("ACTIVE", "WITHDRAWN", "COMPLETED"),
});

const fraudAlertArb: fc.Arbitrary<FraudAlert> = fc.record({
  source: fc.constant("SAFPS"),
  type: fc.constantFrom("IMPERSONATION", "FRAUDULENT_APPLICATION", "PROTECTIVE_REGISTRATION"),
  date: dateArb,
});

const gradeArb = fc.constantFrom("A", "B", "C", "D", "E", "F", null, undefined);

const consumerArb: fc.Arbitrary<ConsumerReport> = fc.record({
  code: fc.constantFrom<VerificationCode | undefined>("V0", "V0", "V0", "V1", "V2", "V3", "V4", undefined),
  grade: gradeArb,
  leases: fc.array(leaseArb, { maxLength: 3 }),
  defaults: fc.array(defaultArb, { maxLength: 3 }),
  judgments: fc.array(judgmentArb, { maxLength: 2 }),
  notices: fc.array(noticeArb, { maxLength: 2 }),
  fraudAlerts: fc.oneof(fc.constant<FraudAlert[]>([]), fc.array(fraudAlertArb, { maxLength: 2 })),
  exposure: fc.option(
    fc.record({ arrearsAmount: fc.oneof(fc.constant(0), money), worstArrearsMonths: fc.integer({ min: 0, max: 12 }), monthlyInstalments: fc.oneof(fc.constant(0), money) }),
    { nil: undefined },
  ),
}).map(({ code, grade, leases, defaults, judgments, notices, fraudAlerts, exposure }) => ({
  ...HEADER,
  subject: code ? { idVerification: { code } } : {},
  ...(grade === undefined ? {} : { bureauGrade: grade }),
  rentalPaymentProfile: leases,
  defaults,
  judgments,
  notices,
  fraudAlerts,
  ...(exposure ? { creditExposure: exposure } : {}),
}));

const commercialArb: fc.Arbitrary<CommercialReport> = fc.record({
  status: fc.constantFrom("IN_BUSINESS", "IN_BUSINESS", "DEREGISTERED", "IN_LIQUIDATION", "IN_BUSINESS_RESCUE", "FINAL_DEREGISTRATION", undefined),
  directors: fc.array(fc.record({ appointedAt: dateArb, adverse: fc.boolean() }), { maxLength: 4 }),
  grade: gradeArb,
  leases: fc.array(leaseArb, { maxLength: 2 }),
  defaults: fc.array(defaultArb, { maxLength: 3 }),
  judgments: fc.array(judgmentArb, { maxLength: 2 }),
  notices: fc.array(noticeArb, { maxLength: 2 }),
}).map(({ status, directors, grade, leases, defaults, judgments, notices }) => ({
  ...HEADER,
  company: status ? { status } : {},
  directors,
  ...(grade === undefined ? {} : { bureauGrade: grade }),
  rentalPaymentProfile: leases,
  defaults,
  judgments,
  notices,
}));

const amountsArb = fc.record({ monthlyRent: fc.option(money, { nil: undefined }), grossMonthlyIncome: fc.option(money, { nil: undefined }) });

// ---------------------------------------------------------------------------------------------------
// Adverse changes: each takes a report and returns it with one more piece of adverse information.

type Change<R> = fc.Arbitrary<{ label: string; apply: (report: R) => R }>;

function sharedChanges<R extends AnyReport>(): Change<R>[] {
  return [
    defaultArb.map((item) => ({ label: "add a default", apply: (report: R) => ({ ...report, defaults: [...(report.defaults ?? []), item] }) })),
    judgmentArb.map((item) => ({ label: "add a judgment", apply: (report: R) => ({ ...report, judgments: [...(report.judgments ?? []), item] }) })),
    noticeArb.map((item) => ({ label: "add a notice", apply: (report: R) => ({ ...report, notices: [...(report.notices ?? []), item] }) })),
    fc.record({ pick: fc.nat(), classification: fc.constantFrom(...ADVERSE_MONTHS) }).map(({ pick, classification }) => ({
      label: `replace an on-time month with ${classification}`,
      apply: (report: R) => {
        const slots = (report.rentalPaymentProfile ?? []).flatMap((lease, l) => lease.months.flatMap((item, m) => (item.classification === "PAID_ON_TIME" ? [[l, m] as const] : [])));
        const slot = slots.length > 0 ? slots[pick % slots.length] : undefined;
        if (!slot) return report;
        const [l, m] = slot;
        return {
          ...report,
          rentalPaymentProfile: (report.rentalPaymentProfile ?? []).map((lease, li) =>
            li !== l ? lease : { ...lease, months: lease.months.map((item, mi) => (mi !== m ? item : { ...item, classification, amountPaid: classification === "DID_NOT_PAY" ? 0 : item.amountPaid })) },
          ),
        };
      },
    })),
    fc.record({ ago: fc.integer({ min: 0, max: 30 }), classification: fc.constantFrom<Classification>("PAID_LATE", "PARTIALLY_PAID", "DID_NOT_PAY"), rent: money }).map(({ ago, classification, rent }) => ({
      label: `add a ${classification} month`,
      apply: (report: R) => ({
        ...report,
        rentalPaymentProfile: [...(report.rentalPaymentProfile ?? []), { reference: "Other", leaseStart: `${periodAgo(ago)}-01`, monthlyRent: rent, months: [month(classification, ago, rent)] }],
      }),
    })),
    fc.constantFrom("C", "D", "E", "F").map((grade) => ({
      label: `grade worsens to ${grade}`,
      apply: (report: R) => {
        const order = ["A", "B", "C", "D", "E", "F"];
        const current = report.bureauGrade ? order.indexOf(report.bureauGrade) : -1;
        return current >= order.indexOf(grade) ? report : { ...report, bureauGrade: grade };
      },
    })),
  ];
}

const consumerChanges: Change<ConsumerReport>[] = [
  ...sharedChanges<ConsumerReport>(),
  fraudAlertArb.map((alert) => ({ label: "add a fraud alert", apply: (report: ConsumerReport) => ({ ...report, fraudAlerts: [...(report.fraudAlerts ?? []), alert] }) })),
  fc.constantFrom<VerificationCode>("V1", "V2", "V3", "V4").map((code) => ({
    label: `ID verification becomes ${code}`,
    apply: (report: ConsumerReport) => {
      const current = report.subject?.idVerification?.code;
      // Only from verified, or from pending to a hard stop: a change the other way is not adverse.
      const worse = current === "V0" || ((current === "V2" || current === undefined) && code !== "V2");
      return worse ? { ...report, subject: { ...report.subject, idVerification: { code } } } : report;
    },
  })),
  fc.record({ arrears: money, worse: fc.integer({ min: 0, max: 6 }), instalments: fc.oneof(fc.constant(0), money) }).map(({ arrears, worse, instalments }) => ({
    label: "more credit arrears and instalments",
    apply: (report: ConsumerReport) => {
      const exposure = report.creditExposure ?? {};
      return {
        ...report,
        creditExposure: {
          ...exposure,
          arrearsAmount: (exposure.arrearsAmount ?? 0) + arrears,
          worstArrearsMonths: (exposure.worstArrearsMonths ?? 0) + worse,
          monthlyInstalments: (exposure.monthlyInstalments ?? 0) + instalments,
        },
      };
    },
  })),
];

const commercialChanges: Change<CommercialReport>[] = [
  ...sharedChanges<CommercialReport>(),
  fc.nat().map((pick) => ({
    label: "a director turns adverse",
    apply: (report: CommercialReport) => {
      const directors = report.directors ?? [];
      const index = directors.length > 0 ? pick % directors.length : -1;
      return index < 0 ? { ...report, directors: [{ adverse: true }] } : { ...report, directors: directors.map((d, i) => (i === index ? { ...d, adverse: true } : d)) };
    },
  })),
  fc.constantFrom("DEREGISTERED", "IN_LIQUIDATION", "IN_BUSINESS_RESCUE", "FINAL_DEREGISTRATION").map((status) => ({
    label: `an IN_BUSINESS company becomes ${status}`,
    apply: (report: CommercialReport) => (report.company?.status === "IN_BUSINESS" || report.company?.status === undefined ? { ...report, company: { ...report.company, status } } : report),
  })),
];

function expectNoBetter(before: RiskAssessment, after: RiskAssessment): void {
  expect(after.score).toBeLessThanOrEqual(before.score);
  expect(bandRank(after.band)).toBeGreaterThanOrEqual(bandRank(before.band));
  expect(RECOMMENDATION_RANK[after.recommendation.code]).toBeGreaterThanOrEqual(RECOMMENDATION_RANK[before.recommendation.code]);
}

const RUNS = { numRuns: 400 };

// ---------------------------------------------------------------------------------------------------

describe("(a) adverse information never helps", () => {
  it("for a person", () => {
    fc.assert(
      fc.property(consumerArb, amountsArb, fc.array(fc.oneof(...consumerChanges), { minLength: 1, maxLength: 3 }), (report, amounts, changes) => {
        let current = report;
        let before = assessRisk({ report: current, ...amounts, asOf: AS_OF });
        for (const change of changes) {
          current = change.apply(current);
          const after = assessRisk({ report: current, ...amounts, asOf: AS_OF });
          expectNoBetter(before, after);
          before = after;
        }
      }),
      RUNS,
    );
  });

  it("for a company", () => {
    fc.assert(
      fc.property(commercialArb, amountsArb, fc.array(fc.oneof(...commercialChanges), { minLength: 1, maxLength: 3 }), (report, amounts, changes) => {
        let current = report;
        let before = assessRisk({ report: current, ...amounts, asOf: AS_OF });
        for (const change of changes) {
          current = change.apply(current);
          const after = assessRisk({ report: current, ...amounts, asOf: AS_OF });
          expectNoBetter(before, after);
          before = after;
        }
      }),
      RUNS,
    );
  });

  it("a higher rent against the same income never helps", () => {
    fc.assert(
      fc.property(consumerArb, money, money, money, (report, rent, extra, income) => {
        expectNoBetter(
          assessRisk({ report, monthlyRent: rent, grossMonthlyIncome: income, asOf: AS_OF }),
          assessRisk({ report, monthlyRent: rent + extra, grossMonthlyIncome: income, asOf: AS_OF }),
        );
      }),
      RUNS,
    );
  });
});

describe("(b) more on-time months never hurt", () => {
  /** Appends `count` on-time months to lease `pick`, older than its oldest, as long as they fall in the 24-month window. */
  function appendOnTime<R extends AnyReport>(report: R, pick: number, count: number): R {
    const leases = report.rentalPaymentProfile ?? [];
    if (leases.length === 0) {
      return { ...report, rentalPaymentProfile: [{ reference: "New", leaseStart: `${periodAgo(count)}-01`, monthlyRent: 5000, months: Array.from({ length: count }, (_, i) => month("PAID_ON_TIME", i + 1, 5000)) }] };
    }
    const index = pick % leases.length;
    return {
      ...report,
      rentalPaymentProfile: leases.map((lease, i) => {
        if (i !== index) return lease;
        const oldest = lease.months[lease.months.length - 1];
        const startAgo = oldest ? monthsAgoOf(oldest.period) + 1 : 1;
        const extra = Array.from({ length: count }, (_, k) => startAgo + k)
          .filter((ago) => ago <= 24)
          .map((ago) => month("PAID_ON_TIME", ago, lease.monthlyRent));
        return { ...lease, months: [...lease.months, ...extra] };
      }),
    };
  }

  it("for a person or a company", () => {
    fc.assert(
      fc.property(fc.oneof(consumerArb, commercialArb), amountsArb, fc.nat(), fc.integer({ min: 1, max: 24 }), (report, amounts, pick, count) => {
        const before = assessRisk({ report, ...amounts, asOf: AS_OF });
        const after = assessRisk({ report: appendOnTime(report, pick, count), ...amounts, asOf: AS_OF });
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(bandRank(after.band)).toBeLessThanOrEqual(bandRank(before.band));
        expect(RECOMMENDATION_RANK[after.recommendation.code]).toBeLessThanOrEqual(RECOMMENDATION_RANK[before.recommendation.code]);
      }),
      RUNS,
    );
  });
});

describe("(c) the score and the stored shape", () => {
  const anyReport = fc.oneof(consumerArb, commercialArb, fc.constant<ConsumerReport>({ ...HEADER, found: false }));

  it("the score is a whole number from 0 to 100, the band follows it, and the assessment round-trips through storage", () => {
    fc.assert(
      fc.property(anyReport, amountsArb, (report, amounts) => {
        const result = assessRisk({ report, ...amounts, asOf: AS_OF });
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.band).toBe(result.score >= 80 ? "LOW" : result.score >= 60 ? "MODERATE" : result.score >= 40 ? "HIGH" : "VERY_HIGH");
        expect(result.score).toBe(Math.max(0, 100 + result.reasons.reduce((total, reason) => total + reason.points, 0)));
        expect(result.reasons.every((reason) => Number.isInteger(reason.points) && reason.points <= 0 && reason.evidence.length > 0)).toBe(true);
        expect(riskAssessmentSchema.parse(JSON.parse(JSON.stringify(result)))).toEqual(result);
      }),
      RUNS,
    );
  });
});

describe("(d) hard stops", () => {
  const hardStop = fc.oneof(
    fc.constantFrom<VerificationCode>("V1", "V3", "V4").map((code) => ({ kind: code, apply: (report: ConsumerReport) => ({ ...report, subject: { idVerification: { code } } }) })),
    fraudAlertArb.map((alert) => ({ kind: "FRAUD", apply: (report: ConsumerReport) => ({ ...report, fraudAlerts: [...(report.fraudAlerts ?? []), alert] }) })),
  );

  it("always refer for review, with a hard stop first and a band of HIGH or worse", () => {
    fc.assert(
      fc.property(consumerArb, amountsArb, hardStop, (report, amounts, stop) => {
        const result = assessRisk({ report: stop.apply(report), ...amounts, asOf: AS_OF });
        expect(result.recommendation.code).toBe("REFER_FOR_REVIEW");
        expect(result.reasons[0]?.severity).toBe("HARD_STOP");
        expect(["ID_NOT_VERIFIED", "ID_DECEASED", "FRAUD_ALERT"]).toContain(result.reasons[0]?.code);
        expect(["HIGH", "VERY_HIGH"]).toContain(result.band);
        expect(result.score).toBeLessThanOrEqual(40);
        expect(result.recommendation.summary).toContain(result.reasons[0]?.sentence ?? "missing");
      }),
      RUNS,
    );
  });
});

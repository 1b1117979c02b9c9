/**
 * Documented sandbox subjects: enquire about one of these and the sandbox answers with the report
 * described here (names, amounts and dates are derived from the number, so they are stable too).
 * Every consumer number is a valid SA ID number (real date, citizenship digit, Luhn check digit), so
 * the app's own validation lets it through. Any other valid number gets a plausible report derived
 * from the number: mostly clean, V0, found.
 *
 * Monthly rental history is newest first and counted back from the month before the enquiry.
 */
import type { components } from "../../lib/tpn/schema";

type Schemas = components["schemas"];
export type PaymentClassification = Schemas["PaymentClassification"];
export type NoticeType = Schemas["Notice"]["type"];
export type BureauGrade = Exclude<Schemas["ConsumerReport"]["bureauGrade"], undefined>;
export type CompanyStatus = NonNullable<NonNullable<Schemas["CommercialReport"]["company"]>["status"]>;

export interface ConsumerScenario {
  kind: "consumer";
  key: ConsumerScenarioKey;
  idNumber: string;
  title: string;
  /** What the report contains, in the terms a test asserts. */
  report: {
    found: boolean;
    idVerification: "V0" | "V4" | null;
    bureauGrade: BureauGrade | undefined;
    /** Newest first; empty when there is no rental history. */
    months: readonly PaymentClassification[];
    defaults: number;
    judgments: number;
    notices: readonly NoticeType[];
    fraudAlerts: readonly Schemas["FraudAlert"]["type"][];
  };
}

export interface CommercialScenario {
  kind: "commercial";
  key: CommercialScenarioKey;
  registrationNumber: string;
  title: string;
  report: {
    found: boolean;
    companyStatus: CompanyStatus;
    companyType: string;
    bureauGrade: BureauGrade;
    defaults: number;
    judgments: number;
    notices: readonly NoticeType[];
    directors: number;
    adverseDirectors: number;
  };
}

export type ConsumerScenarioKey =
  | "CLEAN_RECORD"
  | "LATE_PAYER"
  | "DEFAULTER_WITH_JUDGMENT"
  | "DEBT_REVIEW"
  | "DECEASED"
  | "FRAUD_ALERT"
  | "NOT_FOUND";
export type CommercialScenarioKey = "COMPANY_IN_LIQUIDATION";

const ON_TIME = "PAID_ON_TIME";
const GRACE = "GRACE_PERIOD";
const LATE = "PAID_LATE";
const PARTIAL = "PARTIALLY_PAID";
const UNPAID = "DID_NOT_PAY";

const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

/** Builds a newest-first history of `length` months, on time except at the given indexes. */
function history(length: number, exceptions: Partial<Record<number, PaymentClassification>>): PaymentClassification[] {
  return repeat<PaymentClassification>(ON_TIME, length).map((value, index) => exceptions[index] ?? value);
}

export const CONSUMER_SCENARIOS = {
  CLEAN_RECORD: {
    kind: "consumer",
    key: "CLEAN_RECORD",
    idNumber: "8503125123088",
    title: "Clean record: 24 months paid on time, grade A, nothing adverse",
    report: { found: true, idVerification: "V0", bureauGrade: "A", months: history(24, {}), defaults: 0, judgments: 0, notices: [], fraudAlerts: [] },
  },
  LATE_PAYER: {
    kind: "consumer",
    key: "LATE_PAYER",
    idNumber: "9006150456083",
    title: "Late payer: 24 months with 6 late, 3 in the grace period and 1 partly paid; grade C",
    report: {
      found: true,
      idVerification: "V0",
      bureauGrade: "C",
      months: history(24, { 0: LATE, 1: GRACE, 2: LATE, 3: PARTIAL, 5: LATE, 7: GRACE, 9: LATE, 12: GRACE, 14: LATE, 20: LATE }),
      defaults: 0,
      judgments: 0,
      notices: [],
      fraudAlerts: [],
    },
  },
  DEFAULTER_WITH_JUDGMENT: {
    kind: "consumer",
    key: "DEFAULTER_WITH_JUDGMENT",
    idNumber: "7809205789081",
    title: "Defaulter: last 4 months unpaid, 2 active defaults, 1 active judgment from the previous landlord; grade E",
    report: {
      found: true,
      idVerification: "V0",
      bureauGrade: "E",
      months: history(18, { 0: UNPAID, 1: UNPAID, 2: UNPAID, 3: UNPAID, 4: LATE, 5: PARTIAL, 6: LATE, 7: PARTIAL, 8: LATE }),
      defaults: 2,
      judgments: 1,
      notices: [],
      fraudAlerts: [],
    },
  },
  DEBT_REVIEW: {
    kind: "consumer",
    key: "DEBT_REVIEW",
    idNumber: "8801010234188",
    title: "Under debt review (active notice); rent paid, 2 months in the grace period; grade D",
    report: {
      found: true,
      idVerification: "V0",
      bureauGrade: "D",
      months: history(24, { 4: GRACE, 10: GRACE }),
      defaults: 0,
      judgments: 0,
      notices: ["DEBT_REVIEW"],
      fraudAlerts: [],
    },
  },
  DECEASED: {
    kind: "consumer",
    key: "DECEASED",
    idNumber: "4507075012088",
    title: "Deceased: ID verification V4, no grade, no history",
    report: { found: true, idVerification: "V4", bureauGrade: null, months: [], defaults: 0, judgments: 0, notices: [], fraudAlerts: [] },
  },
  FRAUD_ALERT: {
    kind: "consumer",
    key: "FRAUD_ALERT",
    idNumber: "9202280678080",
    title: "SAFPS impersonation alert on the identity; otherwise 12 months on time, grade B",
    report: { found: true, idVerification: "V0", bureauGrade: "B", months: history(12, {}), defaults: 0, judgments: 0, notices: [], fraudAlerts: ["IMPERSONATION"] },
  },
  NOT_FOUND: {
    kind: "consumer",
    key: "NOT_FOUND",
    idNumber: "0101015999283",
    title: "No record: found=false, still billed",
    report: { found: false, idVerification: null, bureauGrade: undefined, months: [], defaults: 0, judgments: 0, notices: [], fraudAlerts: [] },
  },
} as const satisfies Record<ConsumerScenarioKey, ConsumerScenario>;

export const COMMERCIAL_SCENARIOS = {
  COMPANY_IN_LIQUIDATION: {
    kind: "commercial",
    key: "COMPANY_IN_LIQUIDATION",
    registrationNumber: "2016/482913/07",
    title: "Private company in liquidation: active liquidation notice, 1 rental default, 1 judgment, 1 of 2 directors adverse; grade F",
    report: {
      found: true,
      companyStatus: "IN_LIQUIDATION",
      companyType: "PRIVATE_COMPANY",
      bureauGrade: "F",
      defaults: 1,
      judgments: 1,
      notices: ["LIQUIDATION"],
      directors: 2,
      adverseDirectors: 1,
    },
  },
} as const satisfies Record<CommercialScenarioKey, CommercialScenario>;

/** Every scenario, for docs and tests. */
export const TPN_SCENARIOS: readonly (ConsumerScenario | CommercialScenario)[] = [
  ...Object.values(CONSUMER_SCENARIOS),
  ...Object.values(COMMERCIAL_SCENARIOS),
];

export function consumerScenarioFor(idNumber: string): ConsumerScenario | undefined {
  return Object.values<ConsumerScenario>(CONSUMER_SCENARIOS).find((scenario) => scenario.idNumber === idNumber);
}

export function commercialScenarioFor(registrationNumber: string): CommercialScenario | undefined {
  return Object.values<CommercialScenario>(COMMERCIAL_SCENARIOS).find((scenario) => scenario.registrationNumber === registrationNumber);
}

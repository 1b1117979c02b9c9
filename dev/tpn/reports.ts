/**
 * Builds sandbox reports. Everything about a subject is derived from its number with a PRNG seeded by
 * that number, so the same subject always gets the same report (dates count back from the month of
 * the enquiry). The documented scenarios (scenarios.ts) fix what matters about their subjects; their
 * names and amounts come from the same PRNG. The types are the ones generated from the contract, so
 * a report the spec does not allow fails to compile.
 */
import type { components } from "../../lib/tpn/schema";
import { validateCipcRegistrationNumber } from "../../lib/identity/cipc";
import { validateSaIdNumber } from "../../lib/identity/sa-id";
import { integerBetween, pick, randomFor, type Random } from "./prng";
import {
  commercialScenarioFor,
  consumerScenarioFor,
  type BureauGrade,
  type CommercialScenario,
  type ConsumerScenario,
  type PaymentClassification,
} from "./scenarios";

type Schemas = components["schemas"];
type ConsumerReport = Schemas["ConsumerReport"];
type CommercialReport = Schemas["CommercialReport"];
type ReportHeader = Schemas["ReportHeader"];
type RentalRecord = Schemas["RentalPaymentProfile"][number];

export type Envelope = Omit<ReportHeader, "found">;

export type ConsumerSubject = { idNumber: string } | { passport: { number: string; nationality: string; dateOfBirth: string } };

const FEMALE_NAMES = ["Thandiwe", "Lerato", "Ayesha", "Nomvula", "Annelie", "Precious", "Zanele", "Chantal", "Palesa", "Fatima"];
const MALE_NAMES = ["Sipho", "Johan", "Thabo", "Kagiso", "Pieter", "Mohammed", "Lwazi", "Ricardo", "Bongani", "Tshepo"];
const SURNAMES = ["Dlamini", "Nkosi", "van der Merwe", "Naidoo", "Mokoena", "Botha", "Khumalo", "Pillay", "Mthembu", "Jacobs", "Ndlovu", "Petersen"];
const AGENCIES = ["Pam Golding Rentals", "Rawson Rentals", "Seeff Property Management", "Jawitz Rentals", "Private landlord"];
const SUBURBS = ["Sea Point, Cape Town", "Braamfontein, Johannesburg", "Umhlanga, Durban", "Hatfield, Pretoria", "Summerstrand, Gqeberha"];
const STREETS = ["Main Road", "Jan Smuts Avenue", "Florida Road", "Church Street", "Beach Road", "Voortrekker Road"];
const EMPLOYERS = ["Shoprite Checkers", "Standard Bank", "City of Cape Town", "Discovery", "Vodacom", "Netcare", "Self-employed"];
const COURTS = ["Johannesburg Magistrate's Court", "Cape Town Magistrate's Court", "Durban Magistrate's Court", "Gauteng Division, Pretoria"];
const COMPANY_WORDS = ["Ubuntu", "Karoo", "Protea", "Highveld", "Indlovu", "Fynbos", "Limpopo", "Amandla", "Table Bay", "Drakensberg"];
const COMPANY_TRADES = ["Properties", "Trading", "Logistics", "Holdings", "Construction", "Foods", "Consulting"];
const COMPANY_SUFFIX: Record<string, string> = {
  PUBLIC_COMPANY: "Ltd",
  PRIVATE_COMPANY: "(Pty) Ltd",
  NON_PROFIT_COMPANY: "NPC",
  PERSONAL_LIABILITY_COMPANY: "Inc",
  CLOSE_CORPORATION: "CC",
  STATE_OWNED_COMPANY: "SOC Ltd",
};

const round2 = (value: number) => Math.round(value * 100) / 100;
const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** First day of the month `monthsBack` months before `now`'s month, as `{ year, month }`. */
function monthBefore(now: Date, monthsBack: number): { year: number; month: number } {
  const index = now.getUTCFullYear() * 12 + now.getUTCMonth() - monthsBack;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function isoDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function dateMonthsAgo(now: Date, monthsBack: number, day: number): string {
  const { year, month } = monthBefore(now, monthsBack);
  return isoDay(year, month, day);
}

const PAYMENT_DAY: Record<PaymentClassification, number | null> = {
  PAID_ON_TIME: 1,
  GRACE_PERIOD: 5,
  PAID_LATE: 16,
  PARTIALLY_PAID: 20,
  DID_NOT_PAY: null,
};

function rentalRecord(random: Random, now: Date, months: readonly PaymentClassification[], leaseEnded: boolean): RentalRecord {
  const monthlyRent = integerBetween(random, 90, 360) * 50;
  // A lease that ended did so after its last reported month; a current one reports up to last month.
  const start = monthBefore(now, months.length);
  return {
    reference: pick(random, AGENCIES),
    propertyType: "RESIDENTIAL",
    leaseStart: isoDay(start.year, start.month, 1),
    leaseEnd: leaseEnded ? dateMonthsAgo(now, 0, 1) : null,
    monthlyRent,
    months: months.map((classification, index) => {
      const { year, month } = monthBefore(now, index + 1);
      const amountPaid = classification === "DID_NOT_PAY" ? 0 : classification === "PARTIALLY_PAID" ? round2(monthlyRent * 0.5) : monthlyRent;
      const paymentDay = PAYMENT_DAY[classification];
      return {
        period: `${pad(year, 4)}-${pad(month)}`,
        classification,
        amountDue: monthlyRent,
        amountPaid,
        paymentDate: paymentDay === null ? null : isoDay(year, month, paymentDay),
        balance: round2(monthlyRent - amountPaid),
      };
    }),
  };
}

/** A plausible history for a subject that is not a documented scenario: mostly on time. */
function derivedMonths(random: Random): PaymentClassification[] {
  const length = integerBetween(random, 6, 36);
  return Array.from({ length }, () => {
    const roll = random();
    if (roll < 0.84) return "PAID_ON_TIME";
    if (roll < 0.92) return "GRACE_PERIOD";
    if (roll < 0.97) return "PAID_LATE";
    return "PARTIALLY_PAID";
  });
}

function gradeFor(months: readonly PaymentClassification[]): BureauGrade {
  const late = months.filter((month) => month !== "PAID_ON_TIME" && month !== "GRACE_PERIOD").length;
  return late === 0 ? "A" : late <= 2 ? "B" : "C";
}

function subjectKey(subject: ConsumerSubject): string {
  return "idNumber" in subject ? subject.idNumber : `${subject.passport.nationality}:${subject.passport.number}`;
}

export function buildConsumerReport(subject: ConsumerSubject, envelope: Envelope, now: Date): ConsumerReport {
  const scenario = "idNumber" in subject ? consumerScenarioFor(subject.idNumber) : undefined;
  if (scenario && !scenario.report.found) return { ...envelope, found: false };

  const random = randomFor(subjectKey(subject));
  const id = "idNumber" in subject ? validateSaIdNumber(subject.idNumber) : undefined;
  const female = id?.ok ? id.gender === "female" : random() < 0.5;
  const firstName = pick(random, female ? FEMALE_NAMES : MALE_NAMES);
  const surname = pick(random, SURNAMES);
  const dateOfBirth = id?.ok ? id.dateOfBirth : "passport" in subject ? subject.passport.dateOfBirth : undefined;

  const months = scenario ? [...scenario.report.months] : derivedMonths(random);
  const grade = scenario ? scenario.report.bureauGrade : gradeFor(months);
  const deceased = scenario?.report.idVerification === "V4";

  const report: ConsumerReport = {
    ...envelope,
    found: true,
    subject: {
      firstName,
      surname,
      ...(dateOfBirth ? { dateOfBirth } : {}),
      idVerification: deceased ? { code: "V4", description: "Deceased" } : { code: "V0", description: "Verified" },
    },
    bureauGrade: grade,
    rentalPaymentProfile: months.length > 0 ? [rentalRecord(random, now, months, scenario?.key === "DEFAULTER_WITH_JUDGMENT")] : [],
    defaults: [],
    judgments: [],
    notices: [],
    fraudAlerts: [],
    addresses: deceased
      ? []
      : [{ line: `${integerBetween(random, 1, 220)} ${pick(random, STREETS)}, ${pick(random, SUBURBS)}`, lastReported: dateMonthsAgo(now, 1, 12) }],
    employers: deceased ? [] : [{ name: pick(random, EMPLOYERS), lastReported: dateMonthsAgo(now, 2, 25) }],
    directorships: [],
  };
  if (!deceased) report.creditExposure = creditExposure(random, scenario);
  if (scenario) addScenarioRecords(report, scenario, random, now);
  return report;
}

function creditExposure(random: Random, scenario: ConsumerScenario | undefined): Schemas["CreditExposure"] {
  const openAccounts = integerBetween(random, 1, 7);
  const totalBalance = round2(integerBetween(random, 2_000, 400_000) + random());
  const key = scenario?.key;
  const arrearsAmount = key === "DEFAULTER_WITH_JUDGMENT" ? 46_590.5 : key === "LATE_PAYER" ? 3_120 : 0;
  const worstArrearsMonths = key === "DEFAULTER_WITH_JUDGMENT" ? 6 : key === "LATE_PAYER" ? 2 : key === "DEBT_REVIEW" ? 1 : 0;
  return { openAccounts, totalBalance, monthlyInstalments: round2(totalBalance / 36), arrearsAmount, worstArrearsMonths };
}

function addScenarioRecords(report: ConsumerReport, scenario: ConsumerScenario, random: Random, now: Date) {
  const caseNumber = `${integerBetween(random, 1000, 99999)}/${monthBefore(now, 5).year}`;
  switch (scenario.key) {
    case "DEFAULTER_WITH_JUDGMENT":
      report.defaults = [
        { creditor: pick(random, AGENCIES), category: "RENTAL", amount: 18_500, listedAt: dateMonthsAgo(now, 2, 3), status: "ACTIVE" },
        { creditor: "Telkom", category: "TELECOMS", amount: 2_340.5, listedAt: dateMonthsAgo(now, 9, 14), status: "ACTIVE" },
      ];
      report.judgments = [
        { caseNumber, court: pick(random, COURTS), plaintiff: "Previous landlord", amount: 27_750, judgmentDate: dateMonthsAgo(now, 1, 22), status: "ACTIVE" },
      ];
      return;
    case "DEBT_REVIEW":
      report.notices = [{ type: "DEBT_REVIEW", date: dateMonthsAgo(now, 14, 8), reference: `DC${integerBetween(random, 1000, 9999)}`, status: "ACTIVE" }];
      return;
    case "FRAUD_ALERT":
      report.fraudAlerts = [{ source: "SAFPS", type: "IMPERSONATION", date: dateMonthsAgo(now, 4, 17) }];
      return;
    default:
      return;
  }
}

export function buildCommercialReport(registrationNumber: string, envelope: Envelope, now: Date): CommercialReport {
  const scenario = commercialScenarioFor(registrationNumber);
  const random = randomFor(registrationNumber);
  const cipc = validateCipcRegistrationNumber(registrationNumber);
  const type = cipc.ok ? cipc.entityType.key : "PRIVATE_COMPANY";
  const year = cipc.ok ? cipc.year : now.getUTCFullYear();
  const name = `${pick(random, COMPANY_WORDS)} ${pick(random, COMPANY_TRADES)} ${COMPANY_SUFFIX[type] ?? ""}`.trim();
  const directors = Array.from({ length: scenario ? scenario.report.directors : integerBetween(random, 1, 3) }, (_, index) => ({
    name: `${pick(random, [...FEMALE_NAMES, ...MALE_NAMES])} ${pick(random, SURNAMES)}`,
    idNumberLast4: pad(integerBetween(random, 0, 9999), 4),
    appointedAt: isoDay(year, integerBetween(random, 1, 12), integerBetween(random, 1, 28)),
    adverse: scenario ? index < scenario.report.adverseDirectors : false,
  }));

  const report: CommercialReport = {
    ...envelope,
    found: true,
    company: {
      name,
      registrationNumber,
      type,
      status: scenario?.report.companyStatus ?? "IN_BUSINESS",
      registeredAt: isoDay(year, integerBetween(random, 1, 12), integerBetween(random, 1, 28)),
    },
    directors,
    bureauGrade: scenario?.report.bureauGrade ?? pick(random, ["A", "B", "B", "C"] as const),
    rentalPaymentProfile: [rentalRecord(random, now, scenario ? liquidationMonths() : derivedMonths(random), false)],
    defaults: [],
    judgments: [],
    notices: [],
  };
  if (scenario) addLiquidationRecords(report, scenario, random, now);
  return report;
}

function liquidationMonths(): PaymentClassification[] {
  return ["DID_NOT_PAY", "DID_NOT_PAY", "PARTIALLY_PAID", "PAID_LATE", "PAID_LATE", "PAID_ON_TIME", "PAID_ON_TIME", "PAID_ON_TIME"];
}

function addLiquidationRecords(report: CommercialReport, scenario: CommercialScenario, random: Random, now: Date) {
  if (scenario.key !== "COMPANY_IN_LIQUIDATION") return;
  report.defaults = [{ creditor: pick(random, AGENCIES), category: "RENTAL", amount: 64_200, listedAt: dateMonthsAgo(now, 1, 6), status: "ACTIVE" }];
  report.judgments = [
    {
      caseNumber: `${integerBetween(random, 1000, 99999)}/${monthBefore(now, 3).year}`,
      court: "Western Cape Division, Cape Town",
      plaintiff: "Trade creditor",
      amount: 212_880.75,
      judgmentDate: dateMonthsAgo(now, 3, 11),
      status: "ACTIVE",
    },
  ];
  report.notices = [
    { type: "LIQUIDATION", date: dateMonthsAgo(now, 1, 19), reference: `G${integerBetween(random, 100, 999)}/${monthBefore(now, 1).year}`, court: "Western Cape Division, Cape Town", status: "ACTIVE" },
  ];
}

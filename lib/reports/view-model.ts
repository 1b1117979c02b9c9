/**
 * What a finished risk report shows, on the enquiry page and in the PDF: the bureau report (TPN), the
 * risk assessment and the enquiry, mapped into one plain, already-formatted structure. Nothing secret
 * goes in: the subject is named by the masked identifier the enquiry holds (the bureau report never
 * carries the full ID number; a director's is reduced to the last four digits, masked), and billing
 * details, addresses and employers are left out because the report's reader does not need them.
 *
 * Everything here is pure and deterministic (no clock, no locale): the same input always gives the
 * same view, so the page and the PDF agree and tests can assert exact strings.
 */
import type { CommercialReport, ConsumerReport } from "@/lib/tpn/types";

// ---------------------------------------------------------------------------------------------------
// Input: the risk assessment (structurally; the model lives in lib/risk and is not imported here)

export type RiskBand = "LOW" | "MODERATE" | "HIGH" | "VERY_HIGH";
export type RecommendationCode = "ACCEPT" | "ACCEPT_WITH_CONDITIONS" | "REFER_FOR_REVIEW";
export type ReasonSeverity = "HARD_STOP" | "HIGH" | "MEDIUM" | "LOW" | "POSITIVE";

export interface RiskAssessmentInput {
  modelVersion: string;
  /** 0-100, higher is safer (lib/risk). */
  score: number;
  band: RiskBand;
  recommendation: { code: RecommendationCode; conditions?: readonly string[]; summary: string };
  /** `points`: the reason's effect on the score (the model's are 0 or negative). */
  reasons: readonly { code: string; severity: ReasonSeverity; sentence: string; evidence: readonly string[]; points: number }[];
  affordability?: { rentToIncomeRatio: number; verdict: string; sentence: string };
}

export type SubjectType = "individual" | "company";
export type IdentifierKind = "sa-id" | "passport" | "cipc";

export interface ReportEnquiryInput {
  /** The enquiry's id (a UUID); the report shows a short form of it. */
  id: string;
  /** The requester's own reference for the enquiry (e.g. "Unit 4B"), if they gave one. */
  reference?: string | null;
  organisationName: string;
  requestedBy: string;
  /** Already masked, e.g. "•••••••••5087" (see maskedIdentifier in lib/enquiries/read-enquiry). */
  maskedIdentifier: string;
  /** The name the requester gave; the bureau's name is used when this is empty. */
  subjectName?: string | null;
  subjectType: SubjectType;
  identifierKind: IdentifierKind;
}

export interface ToReportViewModelInput {
  report: ConsumerReport | CommercialReport;
  risk: RiskAssessmentInput;
  enquiry: ReportEnquiryInput;
  generatedAt: Date | string;
}

// ---------------------------------------------------------------------------------------------------
// Output

export type PaymentClassification = "PAID_ON_TIME" | "GRACE_PERIOD" | "PAID_LATE" | "PARTIALLY_PAID" | "DID_NOT_PAY";
export type Tone = "positive" | "neutral" | "caution" | "adverse";

export interface ReportViewModel {
  /** Short form of the enquiry id, e.g. "TL-1A2B3C4D". */
  reference: string;
  /** The requester's own reference, if any. */
  clientReference: string | null;
  /** ISO 8601 (UTC). */
  generatedAt: string;
  /** e.g. "3 Dec 2026, 14:05 SAST". */
  generatedAtLabel: string;
  organisationName: string;
  requestedBy: string;
  subject: {
    type: SubjectType;
    name: string;
    maskedIdentifier: string;
    identifierKind: IdentifierKind;
    /** e.g. "SA ID number". */
    identifierLabel: string;
  };
  /** False when TPN holds no record of the subject (the sections are then empty for that reason). */
  found: boolean;
  bureauGrade: string | null;
  risk: {
    score: number;
    band: RiskBand;
    bandLabel: string;
    recommendation: { code: RecommendationCode; label: string; conditions: string[]; summary: string };
    /** Most severe first; within a severity, the largest effect first. */
    reasons: ReportReason[];
    affordability: { rentToIncomeRatio: number; ratioLabel: string; verdict: string; verdictLabel: string; sentence: string } | null;
    modelVersion: string;
  };
  /** The facts a reader looks for first, for the summary. */
  highlights: { label: string; value: string; tone: Tone }[];
  rentalHistory: RentalLease[];
  /** Counts over the months shown (each lease's last 24). */
  paymentTotals: Record<PaymentClassification, number> & { months: number };
  /** Newest first. */
  defaults: { creditor: string; category: string; amount: string; listedAt: string; status: string; statusCode: string }[];
  /** Newest first. */
  judgments: { caseNumber: string; court: string; plaintiff: string; amount: string; judgmentDate: string; status: string; statusCode: string }[];
  /** Newest first. */
  notices: { type: string; typeCode: string; date: string; reference: string; court: string; status: string; statusCode: string }[];
  creditExposure: {
    openAccounts: string;
    totalBalance: string;
    monthlyInstalments: string;
    arrearsAmount: string;
    worstArrearsMonths: string;
  } | null;
  idVerification: { code: string; label: string } | null;
  fraudAlerts: { source: string; type: string; typeCode: string; date: string }[];
  directorships: { companyName: string; registrationNumber: string; status: string; appointedAt: string }[];
  company?: {
    name: string;
    type: string;
    status: string;
    statusCode: string;
    registrationDate: string | null;
    directors: { name: string; maskedIdentifier: string; appointedAt: string; adverse: boolean }[];
  };
}

export interface ReportReason {
  code: string;
  severity: ReasonSeverity;
  severityLabel: string;
  sentence: string;
  evidence: string[];
  points: number;
  /** "−18" (a true minus sign), "+4"; "0" for none. */
  pointsLabel: string;
}

export interface RentalLease {
  /** The reporting landlord or agency. */
  lessor: string;
  propertyType: string;
  leaseStart: string;
  /** "Current" when the lease has not ended. */
  leaseEnd: string;
  current: boolean;
  monthlyRent: string;
  /** Newest first, at most the last 24 reported. */
  months: { period: string; label: string; classification: PaymentClassification; classificationLabel: string }[];
  /** How many months the bureau reported for the lease (may exceed the 24 shown). */
  monthsReported: number;
}

// ---------------------------------------------------------------------------------------------------
// Labels

export const BAND_LABELS: Record<RiskBand, string> = {
  LOW: "Low risk",
  MODERATE: "Moderate risk",
  HIGH: "High risk",
  VERY_HIGH: "Very high risk",
};

export const RECOMMENDATION_LABELS: Record<RecommendationCode, string> = {
  ACCEPT: "Accept",
  ACCEPT_WITH_CONDITIONS: "Accept with conditions",
  REFER_FOR_REVIEW: "Refer for review",
};

export const SEVERITY_LABELS: Record<ReasonSeverity, string> = {
  HARD_STOP: "Hard stop",
  HIGH: "High",
  MEDIUM: "Medium",
  LOW: "Low",
  POSITIVE: "Positive",
};

export const CLASSIFICATION_LABELS: Record<PaymentClassification, string> = {
  PAID_ON_TIME: "Paid on time",
  GRACE_PERIOD: "Paid in grace period",
  PAID_LATE: "Paid late",
  PARTIALLY_PAID: "Partially paid",
  DID_NOT_PAY: "Did not pay",
};

/** Oldest to worst, as the legend lists them. */
export const PAYMENT_CLASSIFICATIONS: readonly PaymentClassification[] = ["PAID_ON_TIME", "GRACE_PERIOD", "PAID_LATE", "PARTIALLY_PAID", "DID_NOT_PAY"];

export const ID_VERIFICATION_LABELS: Record<string, string> = {
  V0: "Verified",
  V1: "ID number never issued",
  V2: "Not yet verified",
  V3: "Surname does not match",
  V4: "Deceased",
};

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  "sa-id": "SA ID number",
  passport: "Passport number",
  cipc: "Registration number",
};

const NOTICE_LABELS: Record<string, string> = {
  SEQUESTRATION: "Sequestration",
  REHABILITATION: "Rehabilitation",
  ADMINISTRATION_ORDER: "Administration order",
  DEBT_REVIEW: "Debt review",
  EVICTION_ORDER: "Eviction order",
  SUMMONS: "Summons",
  LIQUIDATION: "Liquidation",
  BUSINESS_RESCUE: "Business rescue",
};

const COMPANY_STATUS_LABELS: Record<string, string> = {
  IN_BUSINESS: "In business",
  DEREGISTERED: "Deregistered",
  IN_LIQUIDATION: "In liquidation",
  IN_BUSINESS_RESCUE: "In business rescue",
  FINAL_DEREGISTRATION: "Final deregistration",
};

const FRAUD_ALERT_LABELS: Record<string, string> = {
  IMPERSONATION: "Impersonation",
  FRAUDULENT_APPLICATION: "Fraudulent application",
  PROTECTIVE_REGISTRATION: "Protective registration",
};

const AFFORDABILITY_VERDICT_LABELS: Record<string, string> = {
  AFFORDABLE: "Affordable",
  STRETCHED: "Stretched",
  UNAFFORDABLE: "Unaffordable",
  UNKNOWN: "Not assessed",
};

/** "IN_BUSINESS_RESCUE" -> "In business rescue", for codes a label table does not know. */
export function humanise(code: string): string {
  const words = code.toLowerCase().replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function label(table: Record<string, string>, code: string | undefined | null): string {
  if (code === undefined || code === null || code === "") return "—";
  return table[code] ?? humanise(code);
}

// ---------------------------------------------------------------------------------------------------
// Formatting

export const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
export const MONTH_INITIALS = ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"] as const;

const DASH = "—";

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/**
 * Rand as South Africans write it: "R 45 000", "R 2 340.50" (space thousands, cents only when there
 * are any), "-R 1 200" when negative. Missing amounts show as an em dash.
 */
export function formatRand(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return DASH;
  const cents = Math.round(Math.abs(amount) * 100);
  const rands = Math.floor(cents / 100);
  const rest = cents % 100;
  const text = `R ${groupThousands(String(rands))}${rest === 0 ? "" : `.${String(rest).padStart(2, "0")}`}`;
  return amount < 0 && cents !== 0 ? `-${text}` : text;
}

/** "2026-03" -> "Mar 2026". Anything else is returned as given. */
export function formatMonth(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  const name = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : period;
}

/** "2026-03" -> { year: 2026, month: 3 } (month 1-12), or null. */
export function parsePeriod(period: string): { year: number; month: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year: Number(match[1]), month } : null;
}

/** The period `offset` months after `period` (negative: before). */
export function shiftPeriod(period: string, offset: number): string {
  const parsed = parsePeriod(period);
  if (!parsed) return period;
  const index = parsed.year * 12 + (parsed.month - 1) + offset;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** "2026-03-12" -> "12 Mar 2026"; missing -> "—". */
export function formatDate(date: string | null | undefined): string {
  if (!date) return DASH;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  const name = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  return match && name ? `${Number(match[3])} ${name} ${match[1]}` : date;
}

/** SAST is UTC+2 all year (no daylight saving). "3 Dec 2026, 14:05 SAST". */
export function formatSast(at: Date | string): string {
  const time = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(time.getTime())) return String(at);
  const sast = new Date(time.getTime() + 2 * 60 * 60 * 1000);
  const pad = (value: number) => String(value).padStart(2, "0");
  const month = MONTH_NAMES[sast.getUTCMonth()] ?? "";
  return `${sast.getUTCDate()} ${month} ${sast.getUTCFullYear()}, ${pad(sast.getUTCHours())}:${pad(sast.getUTCMinutes())} SAST`;
}

/** "TL-1A2B3C4D": the first eight characters of the enquiry id, enough to find it again. */
export function shortEnquiryReference(id: string): string {
  const compact = id.replace(/[^0-9a-zA-Z]/g, "").slice(0, 8).toUpperCase();
  return `TL-${compact || "UNKNOWN"}`;
}

function formatCount(value: number | undefined, singular: string, plural = `${singular}s`): string {
  return value === undefined ? DASH : `${value} ${value === 1 ? singular : plural}`;
}

function formatPoints(points: number): string {
  if (points === 0) return "0";
  const magnitude = Number.isInteger(points) ? String(Math.abs(points)) : Math.abs(points).toFixed(1);
  return points > 0 ? `+${magnitude}` : `\u2212${magnitude}`;
}

function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return DASH;
  return `${Math.round(ratio * 100)}%`;
}

// ---------------------------------------------------------------------------------------------------
// Mapping

/** Months of a lease shown in the report and chart. */
export const MONTHS_SHOWN = 24;

const SEVERITY_ORDER: Record<ReasonSeverity, number> = { HARD_STOP: 0, HIGH: 1, MEDIUM: 2, LOW: 3, POSITIVE: 4 };

type RentalRecord = NonNullable<ConsumerReport["rentalPaymentProfile"]>[number];
type DefaultRecord = NonNullable<ConsumerReport["defaults"]>[number];
type JudgmentRecord = NonNullable<ConsumerReport["judgments"]>[number];
type NoticeRecord = NonNullable<ConsumerReport["notices"]>[number];

function isCommercial(report: ConsumerReport | CommercialReport, subjectType: SubjectType): boolean {
  return subjectType === "company" || "company" in report || "directors" in report;
}

/** Newest first by an ISO date (or period) string; stable for equal dates. */
function newestFirst<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}

function mapLease(record: RentalRecord): RentalLease {
  const months = newestFirst(record.months, (month) => month.period)
    .slice(0, MONTHS_SHOWN)
    .map((month) => ({
      period: month.period,
      label: formatMonth(month.period),
      classification: month.classification,
      classificationLabel: CLASSIFICATION_LABELS[month.classification],
    }));
  return {
    lessor: record.reference,
    propertyType: record.propertyType ? humanise(record.propertyType) : DASH,
    leaseStart: formatDate(record.leaseStart),
    leaseEnd: record.leaseEnd ? formatDate(record.leaseEnd) : "Current",
    current: !record.leaseEnd,
    monthlyRent: formatRand(record.monthlyRent),
    months,
    monthsReported: record.months.length,
  };
}

function mapDefault(item: DefaultRecord): ReportViewModel["defaults"][number] {
  return {
    creditor: item.creditor,
    category: item.category ? humanise(item.category) : DASH,
    amount: formatRand(item.amount),
    listedAt: formatDate(item.listedAt),
    status: humanise(item.status),
    statusCode: item.status,
  };
}

function mapJudgment(item: JudgmentRecord): ReportViewModel["judgments"][number] {
  return {
    caseNumber: item.caseNumber,
    court: item.court,
    plaintiff: item.plaintiff,
    amount: formatRand(item.amount),
    judgmentDate: formatDate(item.judgmentDate),
    status: humanise(item.status),
    statusCode: item.status,
  };
}

function mapNotice(item: NoticeRecord): ReportViewModel["notices"][number] {
  return {
    type: label(NOTICE_LABELS, item.type),
    typeCode: item.type,
    date: formatDate(item.date),
    reference: item.reference ?? DASH,
    court: item.court ?? DASH,
    status: humanise(item.status),
    statusCode: item.status,
  };
}

function maskLast4(last4: string | undefined): string {
  return last4 ? `•••••••••${last4.slice(-4)}` : DASH;
}

function mapReasons(reasons: RiskAssessmentInput["reasons"]): ReportReason[] {
  return reasons
    .map((reason, index) => ({ reason, index }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.reason.severity] - SEVERITY_ORDER[b.reason.severity] ||
        Math.abs(b.reason.points) - Math.abs(a.reason.points) ||
        a.index - b.index,
    )
    .map(({ reason }) => ({
      code: reason.code,
      severity: reason.severity,
      severityLabel: SEVERITY_LABELS[reason.severity],
      sentence: reason.sentence,
      evidence: [...reason.evidence],
      points: reason.points,
      pointsLabel: formatPoints(reason.points),
    }));
}

function paymentTotals(leases: readonly RentalLease[]): ReportViewModel["paymentTotals"] {
  const totals = { PAID_ON_TIME: 0, GRACE_PERIOD: 0, PAID_LATE: 0, PARTIALLY_PAID: 0, DID_NOT_PAY: 0, months: 0 };
  for (const lease of leases) {
    for (const month of lease.months) {
      totals[month.classification] += 1;
      totals.months += 1;
    }
  }
  return totals;
}

function sumActive(items: readonly { amount: number; status: string }[]): number {
  return items.filter((item) => item.status === "ACTIVE").reduce((total, item) => total + item.amount, 0);
}

function highlightsFor(
  report: ConsumerReport | CommercialReport,
  commercial: boolean,
  totals: ReportViewModel["paymentTotals"],
  idVerification: ReportViewModel["idVerification"],
  companyStatus: { code: string; label: string } | null,
): ReportViewModel["highlights"] {
  const highlights: ReportViewModel["highlights"] = [];
  if (!report.found) {
    highlights.push({ label: "Bureau record", value: "No record held by TPN", tone: "caution" });
    return highlights;
  }
  if (commercial && companyStatus) {
    highlights.push({ label: "Company status", value: companyStatus.label, tone: companyStatus.code === "IN_BUSINESS" ? "positive" : "adverse" });
  }
  if (!commercial) {
    highlights.push({
      label: "ID verification",
      value: idVerification ? `${idVerification.label} (${idVerification.code})` : "Not reported",
      tone: idVerification?.code === "V0" ? "positive" : idVerification ? "adverse" : "caution",
    });
  }
  const onTime = totals.PAID_ON_TIME;
  const missed = totals.PARTIALLY_PAID + totals.DID_NOT_PAY;
  highlights.push({
    label: "Rent paid on time",
    value: totals.months === 0 ? "No rental history" : `${onTime} of ${totals.months} months (${formatPercent(onTime / totals.months)})`,
    tone: totals.months === 0 ? "caution" : missed > 0 ? "adverse" : totals.PAID_LATE > 0 ? "caution" : "positive",
  });
  const defaults = report.defaults ?? [];
  const activeDefaults = defaults.filter((item) => item.status === "ACTIVE");
  highlights.push({
    label: "Active defaults",
    value: activeDefaults.length === 0 ? "None" : `${activeDefaults.length} · ${formatRand(sumActive(defaults))}`,
    tone: activeDefaults.length === 0 ? "positive" : "adverse",
  });
  const judgments = report.judgments ?? [];
  const activeJudgments = judgments.filter((item) => item.status === "ACTIVE");
  highlights.push({
    label: "Active judgments",
    value: activeJudgments.length === 0 ? "None" : `${activeJudgments.length} · ${formatRand(sumActive(judgments))}`,
    tone: activeJudgments.length === 0 ? "positive" : "adverse",
  });
  const activeNotices = (report.notices ?? []).filter((item) => item.status === "ACTIVE");
  highlights.push({
    label: "Active notices",
    value: activeNotices.length === 0 ? "None" : activeNotices.map((item) => label(NOTICE_LABELS, item.type)).join(", "),
    tone: activeNotices.length === 0 ? "positive" : "adverse",
  });
  if (!commercial) {
    const alerts = "fraudAlerts" in report ? (report.fraudAlerts ?? []) : [];
    highlights.push({
      label: "Fraud alerts",
      value: alerts.length === 0 ? "None" : alerts.map((alert) => `${alert.source} ${label(FRAUD_ALERT_LABELS, alert.type).toLowerCase()}`).join(", "),
      tone: alerts.length === 0 ? "positive" : "adverse",
    });
  }
  highlights.push({
    label: "Bureau grade",
    value: report.bureauGrade ?? "Not graded",
    tone: report.bureauGrade === "A" || report.bureauGrade === "B" ? "positive" : report.bureauGrade === "C" || !report.bureauGrade ? "neutral" : "adverse",
  });
  return highlights;
}

export function toReportViewModel({ report, risk, enquiry, generatedAt }: ToReportViewModelInput): ReportViewModel {
  const commercial = isCommercial(report, enquiry.subjectType);
  const generated = typeof generatedAt === "string" ? new Date(generatedAt) : generatedAt;

  // Most recent lease first: by its newest reported month (or its start, when it reported none).
  const latestPeriod = (lease: RentalRecord) => lease.months.reduce((latest, month) => (month.period > latest ? month.period : latest), lease.leaseStart.slice(0, 7));
  const rentalHistory = newestFirst(report.rentalPaymentProfile ?? [], latestPeriod).map(mapLease);
  const totals = paymentTotals(rentalHistory);

  // Every field of either report is optional beyond the header, so each type accepts the other.
  const consumer: ConsumerReport | null = commercial ? null : report;
  const commercialReport: CommercialReport | null = commercial ? report : null;

  const verification = consumer?.subject?.idVerification;
  const idVerification = verification ? { code: verification.code, label: ID_VERIFICATION_LABELS[verification.code] ?? verification.description ?? verification.code } : null;

  const bureauName = commercialReport
    ? (commercialReport.company?.name ?? "")
    : [consumer?.subject?.firstName, consumer?.subject?.surname].filter(Boolean).join(" ");
  const name = enquiry.subjectName?.trim() || bureauName || "Name not given";

  const companyStatus = commercialReport?.company?.status
    ? { code: commercialReport.company.status, label: label(COMPANY_STATUS_LABELS, commercialReport.company.status) }
    : null;

  const exposure = consumer?.creditExposure;
  const affordability = risk.affordability;

  const view: ReportViewModel = {
    reference: shortEnquiryReference(enquiry.id),
    clientReference: enquiry.reference?.trim() || null,
    generatedAt: Number.isNaN(generated.getTime()) ? String(generatedAt) : generated.toISOString(),
    generatedAtLabel: formatSast(generated),
    organisationName: enquiry.organisationName,
    requestedBy: enquiry.requestedBy,
    subject: {
      type: enquiry.subjectType,
      name,
      maskedIdentifier: enquiry.maskedIdentifier,
      identifierKind: enquiry.identifierKind,
      identifierLabel: IDENTIFIER_LABELS[enquiry.identifierKind],
    },
    found: report.found,
    bureauGrade: report.bureauGrade ?? null,
    risk: {
      score: Math.max(0, Math.min(100, Math.round(risk.score))),
      band: risk.band,
      bandLabel: BAND_LABELS[risk.band],
      recommendation: {
        code: risk.recommendation.code,
        label: RECOMMENDATION_LABELS[risk.recommendation.code],
        conditions: [...(risk.recommendation.conditions ?? [])],
        summary: risk.recommendation.summary,
      },
      reasons: mapReasons(risk.reasons),
      affordability: affordability
        ? {
            rentToIncomeRatio: affordability.rentToIncomeRatio,
            ratioLabel: formatPercent(affordability.rentToIncomeRatio),
            verdict: affordability.verdict,
            verdictLabel: label(AFFORDABILITY_VERDICT_LABELS, affordability.verdict),
            sentence: affordability.sentence,
          }
        : null,
      modelVersion: risk.modelVersion,
    },
    highlights: highlightsFor(report, commercial, totals, idVerification, companyStatus),
    rentalHistory,
    paymentTotals: totals,
    defaults: newestFirst(report.defaults ?? [], (item) => item.listedAt).map(mapDefault),
    judgments: newestFirst(report.judgments ?? [], (item) => item.judgmentDate).map(mapJudgment),
    notices: newestFirst(report.notices ?? [], (item) => item.date).map(mapNotice),
    creditExposure: exposure
      ? {
          openAccounts: exposure.openAccounts === undefined ? DASH : String(exposure.openAccounts),
          totalBalance: formatRand(exposure.totalBalance),
          monthlyInstalments: formatRand(exposure.monthlyInstalments),
          arrearsAmount: formatRand(exposure.arrearsAmount),
          worstArrearsMonths:
            exposure.worstArrearsMonths === undefined ? DASH : exposure.worstArrearsMonths === 0 ? "Never in arrears" : formatCount(exposure.worstArrearsMonths, "month"),
        }
      : null,
    idVerification,
    fraudAlerts: newestFirst(consumer?.fraudAlerts ?? [], (alert) => alert.date).map((alert) => ({
      source: alert.source,
      type: label(FRAUD_ALERT_LABELS, alert.type),
      typeCode: alert.type,
      date: formatDate(alert.date),
    })),
    directorships: (consumer?.directorships ?? []).map((directorship) => ({
      companyName: directorship.companyName ?? DASH,
      registrationNumber: directorship.registrationNumber ?? DASH,
      status: directorship.status ? humanise(directorship.status) : DASH,
      appointedAt: formatDate(directorship.appointedAt),
    })),
  };

  if (commercialReport) {
    view.company = {
      name: commercialReport.company?.name ?? name,
      type: commercialReport.company?.type ? humanise(commercialReport.company.type) : DASH,
      status: companyStatus?.label ?? "Not reported",
      statusCode: companyStatus?.code ?? "UNKNOWN",
      registrationDate: commercialReport.company?.registeredAt ? formatDate(commercialReport.company.registeredAt) : null,
      directors: (commercialReport.directors ?? []).map((director) => ({
        name: director.name ?? DASH,
        maskedIdentifier: maskLast4(director.idNumberLast4),
        appointedAt: formatDate(director.appointedAt),
        adverse: director.adverse === true,
      })),
    };
  }
  return view;
}

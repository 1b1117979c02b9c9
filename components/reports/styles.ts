import type { PaymentClassification, ReasonSeverity, RecommendationCode, RiskBand, Tone } from "@/lib/reports/view-model";

/**
 * The report's colours on screen, the same hues as the PDF (lib/reports/pdf/theme.ts): the band
 * badge (LOW green, MODERATE amber, HIGH orange, VERY_HIGH red), reason severities, payment months.
 * Colour is never the only signal: every badge and cell also carries its label in text.
 */
export const BAND_STYLES: Record<RiskBand, { badge: string; tint: string; meter: string }> = {
  LOW: { badge: "bg-green-700 text-white", tint: "border-green-200 bg-green-50", meter: "bg-green-700" },
  MODERATE: { badge: "bg-amber-500 text-amber-950", tint: "border-amber-200 bg-amber-50", meter: "bg-amber-500" },
  HIGH: { badge: "bg-orange-600 text-white", tint: "border-orange-200 bg-orange-50", meter: "bg-orange-600" },
  VERY_HIGH: { badge: "bg-red-700 text-white", tint: "border-red-200 bg-red-50", meter: "bg-red-700" },
};

export const RECOMMENDATION_STYLES: Record<RecommendationCode, { frame: string; title: string }> = {
  ACCEPT: { frame: "border-l-green-700 bg-green-50", title: "text-green-800" },
  ACCEPT_WITH_CONDITIONS: { frame: "border-l-amber-600 bg-amber-50", title: "text-amber-800" },
  REFER_FOR_REVIEW: { frame: "border-l-red-700 bg-red-50", title: "text-red-800" },
};

export const SEVERITY_STYLES: Record<ReasonSeverity, string> = {
  HARD_STOP: "border-transparent bg-red-900 text-white",
  HIGH: "border-transparent bg-red-100 text-red-800",
  MEDIUM: "border-transparent bg-orange-100 text-orange-800",
  LOW: "border-transparent bg-yellow-100 text-yellow-900",
  POSITIVE: "border-transparent bg-green-100 text-green-800",
};

export const TONE_DOTS: Record<Tone, string> = {
  positive: "bg-green-700",
  neutral: "bg-slate-400",
  caution: "bg-amber-500",
  adverse: "bg-red-700",
};

export const TONE_LABELS: Record<Tone, string> = {
  positive: "Good",
  neutral: "Neutral",
  caution: "Caution",
  adverse: "Adverse",
};

/**
 * Payment-history cells. The shapes repeat the meaning for colour-blind readers and grey-scale prints:
 * a partial payment is half filled, an unpaid month carries a cross, a month without a report is a
 * dashed outline.
 */
export const CLASSIFICATION_CELL: Record<PaymentClassification, string> = {
  PAID_ON_TIME: "bg-green-700",
  GRACE_PERIOD: "bg-green-300",
  PAID_LATE: "bg-amber-500",
  PARTIALLY_PAID: "border-2 border-orange-600 bg-[linear-gradient(to_top,#ea580c_50%,transparent_50%)]",
  DID_NOT_PAY: "bg-red-700 text-white",
};

export const NO_REPORT_CELL = "border border-dashed border-slate-400 bg-white";

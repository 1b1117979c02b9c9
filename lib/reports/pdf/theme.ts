/** Colours, sizes and shared styles of the risk report PDF. */
import { StyleSheet } from "@react-pdf/renderer";
import type { PaymentClassification, ReasonSeverity, RecommendationCode, RiskBand, Tone } from "../view-model";
import { FONT_FAMILY } from "./fonts";

export const colors = {
  brand: "#0f766e",
  brandDark: "#115e59",
  brandTint: "#f0fdfa",
  ink: "#111827",
  text: "#374151",
  muted: "#6b7280",
  faint: "#9ca3af",
  rule: "#e5e7eb",
  ruleStrong: "#d1d5db",
  panel: "#f9fafb",
  white: "#ffffff",
  green: "#15803d",
  greenTint: "#f0fdf4",
  amber: "#b45309",
  amberTint: "#fffbeb",
  red: "#b91c1c",
  redTint: "#fef2f2",
} as const;

/** A4 in points, and the page margins the header and footer are drawn in. */
export const page = {
  width: 595.28,
  height: 841.89,
  marginX: 40,
  marginTop: 78,
  marginBottom: 66,
} as const;

export const contentWidth = page.width - 2 * page.marginX;

export const bandColors: Record<RiskBand, { fill: string; text: string; tint: string }> = {
  LOW: { fill: "#15803d", text: colors.white, tint: colors.greenTint },
  MODERATE: { fill: "#ca8a04", text: colors.white, tint: "#fefce8" },
  HIGH: { fill: "#ea580c", text: colors.white, tint: "#fff7ed" },
  VERY_HIGH: { fill: "#b91c1c", text: colors.white, tint: colors.redTint },
};

export const recommendationColors: Record<RecommendationCode, { accent: string; tint: string }> = {
  ACCEPT: { accent: colors.green, tint: colors.greenTint },
  ACCEPT_WITH_CONDITIONS: { accent: colors.amber, tint: colors.amberTint },
  REFER_FOR_REVIEW: { accent: colors.red, tint: colors.redTint },
};

export const severityColors: Record<ReasonSeverity, { fill: string; text: string }> = {
  HARD_STOP: { fill: "#7f1d1d", text: colors.white },
  HIGH: { fill: "#fee2e2", text: "#991b1b" },
  MEDIUM: { fill: "#ffedd5", text: "#9a3412" },
  LOW: { fill: "#fef9c3", text: "#854d0e" },
  POSITIVE: { fill: "#dcfce7", text: "#166534" },
};

export const toneColors: Record<Tone, string> = {
  positive: colors.green,
  neutral: colors.muted,
  caution: colors.amber,
  adverse: colors.red,
};

/** Payment-history cells; shapes (half fill, cross) repeat the meaning for grey-scale prints. */
export const classificationColors: Record<PaymentClassification, string> = {
  PAID_ON_TIME: "#15803d",
  GRACE_PERIOD: "#86c99a",
  PAID_LATE: "#f59e0b",
  PARTIALLY_PAID: "#ea580c",
  DID_NOT_PAY: "#b91c1c",
};

export const styles = StyleSheet.create({
  page: {
    fontFamily: FONT_FAMILY,
    // Inter's contextual alternates (calt) only fine-tune punctuation between capitals and digits, and
    // shaping them was the largest single cost of a render.
    fontFeatureSettings: { calt: false },
    fontSize: 9,
    lineHeight: 1.35,
    color: colors.text,
    paddingTop: page.marginTop,
    paddingBottom: page.marginBottom,
    paddingHorizontal: page.marginX,
  },
  h2: {
    fontSize: 12,
    fontWeight: 600,
    color: colors.ink,
    marginBottom: 6,
  },
  section: {
    marginTop: 16,
  },
  sectionHeading: {
    flexDirection: "row",
    alignItems: "baseline",
    justifyContent: "space-between",
    borderBottomWidth: 1,
    borderBottomColor: colors.brand,
    paddingBottom: 3,
    marginBottom: 6,
  },
  sectionTitle: {
    fontSize: 11,
    fontWeight: 600,
    color: colors.brandDark,
  },
  sectionCount: {
    fontSize: 8,
    color: colors.muted,
  },
  muted: {
    color: colors.muted,
  },
  small: {
    fontSize: 7.5,
  },
  empty: {
    color: colors.muted,
    paddingVertical: 4,
  },
  bold: {
    fontWeight: 600,
    color: colors.ink,
  },
});

import { Rect, Svg, Text, View } from "@react-pdf/renderer";
import type { ReportReason, ReportViewModel } from "../view-model";
import { SectionTitle } from "./section";
import { bandColors, colors, contentWidth, recommendationColors, severityColors, styles, toneColors } from "./theme";

/** Reasons shown in full (with evidence) on the summary; the rest are listed one line each. */
export const TOP_REASONS = 5;

/** The first page: subject, band, score, recommendation, the facts that drive them. */
export function SummaryPage({ view }: { view: ReportViewModel }) {
  const top = view.risk.reasons.slice(0, TOP_REASONS);
  const rest = view.risk.reasons.slice(TOP_REASONS);
  return (
    <>
      <SubjectAndBand view={view} />
      <Recommendation view={view} />
      <SectionTitle title="Key facts" />
      <Highlights view={view} />
      {view.risk.affordability ? <Affordability affordability={view.risk.affordability} /> : null}
      <SectionTitle title="Why this result" count={view.risk.reasons.length === 0 ? undefined : `${view.risk.reasons.length} ${view.risk.reasons.length === 1 ? "factor" : "factors"}`} />
      {view.risk.reasons.length === 0 ? <Text style={styles.empty}>The model recorded no factors.</Text> : null}
      {top.map((reason, index) => (
        <ReasonItem key={`${reason.code}-${index}`} reason={reason} />
      ))}
      {rest.length > 0 ? (
        <View style={{ marginTop: 6 }}>
          <Text style={{ fontSize: 8, fontWeight: 600, color: colors.muted, marginBottom: 3 }}>Other factors</Text>
          {rest.map((reason, index) => (
            <View key={`${reason.code}-${index}`} wrap={false} style={{ flexDirection: "row", marginBottom: 2 }}>
              <SeverityChip reason={reason} />
              <Text style={{ flex: 1, paddingLeft: 6 }}>{reason.sentence}</Text>
              <Points reason={reason} strong={false} />
            </View>
          ))}
        </View>
      ) : null}
      <Text style={{ marginTop: 10, fontSize: 6.5, lineHeight: 1.35, color: colors.faint }}>
        Score from 0 to 100, higher is safer, by the TenantLens risk model {view.risk.modelVersion} from the TPN bureau report; points are what each
        factor took off the score. The recommendation supports, and does not replace, the landlord&apos;s own decision; the applicant may ask for the
        reasons and may dispute bureau records with TPN.
      </Text>
    </>
  );
}

function SubjectAndBand({ view }: { view: ReportViewModel }) {
  const band = bandColors[view.risk.band];
  const gaugeWidth = 150;
  return (
    <View style={{ flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start" }}>
      <View style={{ flex: 1, paddingRight: 16 }}>
        <Text style={{ fontSize: 7.5, color: colors.muted, letterSpacing: 0.4 }}>{view.subject.type === "company" ? "COMPANY" : "APPLICANT"}</Text>
        <Text style={{ fontSize: 18, lineHeight: 1.2, fontWeight: 700, color: colors.ink, marginTop: 1 }}>{view.subject.name}</Text>
        <Text style={{ marginTop: 2 }}>
          {view.subject.identifierLabel} <Text style={styles.bold}>{view.subject.maskedIdentifier}</Text>
        </Text>
        <Text style={{ marginTop: 6, color: colors.muted }}>
          Requested by {view.requestedBy}, {view.organisationName}
        </Text>
        <Text style={{ color: colors.muted }}>
          Reference {view.reference}
          {view.clientReference ? ` (${view.clientReference})` : ""} · {view.generatedAtLabel}
        </Text>
      </View>
      <View style={{ width: gaugeWidth + 20, padding: 10, backgroundColor: band.tint, borderRadius: 6, alignItems: "flex-start" }}>
        <View style={{ backgroundColor: band.fill, borderRadius: 4, paddingVertical: 4, paddingHorizontal: 9 }}>
          <Text style={{ color: band.text, fontSize: 11, lineHeight: 1.2, fontWeight: 700 }}>{view.risk.bandLabel}</Text>
        </View>
        <View style={{ flexDirection: "row", alignItems: "baseline", marginTop: 6 }}>
          <Text style={{ fontSize: 24, lineHeight: 1.1, fontWeight: 700, color: colors.ink }}>{view.risk.score}</Text>
          <Text style={{ fontSize: 9, color: colors.muted }}> / 100 score</Text>
        </View>
        <Svg width={gaugeWidth} height={6} viewBox={`0 0 ${gaugeWidth} 6`} style={{ marginTop: 4 }}>
          <Rect x={0} y={0} width={gaugeWidth} height={6} rx={3} ry={3} fill={colors.rule} />
          <Rect x={0} y={0} width={Math.max(6, (gaugeWidth * view.risk.score) / 100)} height={6} rx={3} ry={3} fill={band.fill} />
        </Svg>
      </View>
    </View>
  );
}

function Recommendation({ view }: { view: ReportViewModel }) {
  const { recommendation } = view.risk;
  const tone = recommendationColors[recommendation.code];
  return (
    <View
      wrap={false}
      style={{ marginTop: 14, backgroundColor: tone.tint, borderLeftWidth: 4, borderLeftColor: tone.accent, paddingVertical: 9, paddingHorizontal: 12 }}
    >
      <Text style={{ fontSize: 7.5, color: colors.muted, letterSpacing: 0.4 }}>RECOMMENDATION</Text>
      <Text style={{ fontSize: 14, lineHeight: 1.25, fontWeight: 700, color: tone.accent, marginTop: 1 }}>{recommendation.label}</Text>
      <Text style={{ marginTop: 3, color: colors.ink }}>{recommendation.summary}</Text>
      {recommendation.conditions.length > 0 ? (
        <View style={{ marginTop: 5 }}>
          <Text style={{ fontWeight: 600, color: colors.ink }}>Conditions</Text>
          {recommendation.conditions.map((condition, index) => (
            <View key={index} style={{ flexDirection: "row", marginTop: 1.5 }}>
              <Text style={{ width: 12, color: tone.accent }}>•</Text>
              <Text style={{ flex: 1 }}>{condition}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

function Highlights({ view }: { view: ReportViewModel }) {
  const columns = 2;
  const gap = 8;
  const width = (contentWidth - gap * (columns - 1)) / columns;
  return (
    <View style={{ flexDirection: "row", flexWrap: "wrap", justifyContent: "space-between" }}>
        {view.highlights.map((highlight) => (
          <View
            key={highlight.label}
            wrap={false}
            style={{ width, flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: colors.rule, paddingVertical: 3 }}
          >
            <View style={{ width: 6, height: 6, borderRadius: 3, backgroundColor: toneColors[highlight.tone], marginTop: 3, marginRight: 6 }} />
            <Text style={{ width: 92, color: colors.muted }}>{highlight.label}</Text>
            <Text style={{ flex: 1, fontWeight: 600, color: colors.ink }}>{highlight.value}</Text>
          </View>
        ))}
    </View>
  );
}

function Affordability({ affordability }: { affordability: NonNullable<ReportViewModel["risk"]["affordability"]> }) {
  return (
    <View wrap={false}>
      <SectionTitle title="Affordability" />
      <View style={{ flexDirection: "row", alignItems: "flex-start" }}>
        <View style={{ width: 110 }}>
          <Text style={{ fontSize: 16, lineHeight: 1.2, fontWeight: 700, color: colors.ink }}>{affordability.ratioLabel}</Text>
          <Text style={{ fontSize: 7.5, color: colors.muted }}>rent to gross income</Text>
        </View>
        <View style={{ flex: 1 }}>
          <Text style={{ fontWeight: 600, color: colors.ink }}>{affordability.verdictLabel}</Text>
          <Text>{affordability.sentence}</Text>
        </View>
      </View>
    </View>
  );
}

function SeverityChip({ reason }: { reason: ReportReason }) {
  const tone = severityColors[reason.severity];
  return (
    <View style={{ width: 56 }}>
      <View style={{ alignSelf: "flex-start", backgroundColor: tone.fill, borderRadius: 3, paddingHorizontal: 4, paddingVertical: 1 }}>
        <Text style={{ fontSize: 7, fontWeight: 600, color: tone.text }}>{reason.severityLabel}</Text>
      </View>
    </View>
  );
}

function ReasonItem({ reason }: { reason: ReportReason }) {
  return (
    <View wrap={false} style={{ flexDirection: "row", paddingVertical: 4, borderBottomWidth: 0.5, borderBottomColor: colors.rule }}>
      <SeverityChip reason={reason} />
      <View style={{ flex: 1, paddingLeft: 6 }}>
        <Text style={{ fontWeight: 600, color: colors.ink }}>{reason.sentence}</Text>
        {reason.evidence.length > 0 ? (
          <Text style={{ fontSize: 8, color: colors.muted, marginTop: 1 }}>Evidence: {reason.evidence.join(" · ")}</Text>
        ) : null}
      </View>
      <Points reason={reason} strong />
    </View>
  );
}

/** What the reason took off the score; nothing for a reason that took nothing (most positives). */
function Points({ reason, strong }: { reason: ReportReason; strong: boolean }) {
  return (
    <Text style={{ width: 44, textAlign: "right", fontWeight: strong ? 600 : 400, color: strong ? colors.ink : colors.muted }}>
      {reason.points === 0 ? "" : reason.pointsLabel}
      {reason.points === 0 ? null : <Text style={{ fontSize: 6.5, fontWeight: 400, color: colors.faint }}> pts</Text>}
    </Text>
  );
}

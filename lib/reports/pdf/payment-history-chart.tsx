import { G, Line, Rect, Svg, Text, View } from "@react-pdf/renderer";
import {
  CLASSIFICATION_LABELS,
  MONTH_NAMES,
  MONTHS_SHOWN,
  PAYMENT_CLASSIFICATIONS,
  parsePeriod,
  shiftPeriod,
  type PaymentClassification,
  type RentalLease,
  type ReportViewModel,
} from "../view-model";
import { Section } from "./section";
import { FONT_FAMILY } from "./fonts";
import { classificationColors, colors, contentWidth, styles } from "./theme";

const GAP = 2;
const CELL_WIDTH = (contentWidth - GAP * (MONTHS_SHOWN - 1)) / MONTHS_SHOWN;
const CELL_HEIGHT = 13;
const CHART_HEIGHT = CELL_HEIGHT + 11;

/**
 * react-pdf lays SVG text out with the font attributes it finds on the element (fontFamily, fontSize,
 * fontWeight; default Helvetica 18), and nothing inherits into an <Svg> from the surrounding Views.
 * Its type declarations list only the SVG presentation attributes, so the font goes in as a spread.
 */
const LABEL_FONT = { fontFamily: FONT_FAMILY, fontSize: 6.5 };
const YEAR_FONT = { ...LABEL_FONT, fontWeight: 600 };

/**
 * One row per lease: its last 24 months, oldest on the left, each a cell coloured by how the rent was
 * paid. A month the lease did not report (before it started, or a gap) is an empty outline. Drawn
 * with react-pdf's SVG primitives; the labels are SVG text, so they stay selectable.
 */
export function PaymentHistoryChart({ view, first = false }: { view: ReportViewModel; first?: boolean }) {
  const leases = view.rentalHistory;
  const totals = view.paymentTotals;
  const summary =
    totals.months === 0
      ? undefined
      : `${totals.months} months shown · ${totals.PAID_ON_TIME} paid on time · ${totals.GRACE_PERIOD} in the grace period`;
  return (
    <Section title="Rental payment history" count={summary} first={first}>
      {leases.length === 0 ? (
        <Text style={styles.empty}>{view.found ? "No landlord or agency has reported a lease for this subject." : "TPN holds no record of this subject."}</Text>
      ) : (
        <View>
          <Legend />
          {leases.map((lease, index) => (
            <LeaseRow key={`${lease.lessor}-${index}`} lease={lease} />
          ))}
        </View>
      )}
    </Section>
  );
}

function Legend() {
  const swatch = 9;
  const items: (PaymentClassification | null)[] = [...PAYMENT_CLASSIFICATIONS, null];
  return (
    <View style={{ flexDirection: "row", flexWrap: "wrap", marginBottom: 2 }}>
      {items.map((classification) => (
        <View key={classification ?? "none"} style={{ flexDirection: "row", alignItems: "center", marginRight: 14 }}>
          <Svg width={swatch} height={swatch} viewBox={`0 0 ${swatch} ${swatch}`}>
            <Cell classification={classification} x={0} y={0} width={swatch} height={swatch} />
          </Svg>
          <Text style={{ fontSize: 7, marginLeft: 4 }}>{classification ? CLASSIFICATION_LABELS[classification] : "No report for the month"}</Text>
        </View>
      ))}
    </View>
  );
}

function Cell({ classification, x, y, width, height }: { classification: PaymentClassification | null; x: number; y: number; width: number; height: number }) {
  if (classification === null) {
    return <Rect x={x + 0.4} y={y + 0.4} width={width - 0.8} height={height - 0.8} fill={colors.white} stroke={colors.ruleStrong} strokeWidth={0.8} strokeDasharray="1.5 1.5" />;
  }
  const color = classificationColors[classification];
  if (classification === "PARTIALLY_PAID") {
    return (
      <G>
        <Rect x={x + 0.5} y={y + 0.5} width={width - 1} height={height - 1} fill={colors.white} stroke={color} strokeWidth={1} />
        <Rect x={x} y={y + height / 2} width={width} height={height / 2} fill={color} />
      </G>
    );
  }
  if (classification === "DID_NOT_PAY") {
    // A square cross in the middle, whatever the cell's proportions.
    const half = Math.min(width, height) * 0.25;
    const cx = x + width / 2;
    const cy = y + height / 2;
    return (
      <G>
        <Rect x={x} y={y} width={width} height={height} fill={color} />
        <Line x1={cx - half} y1={cy - half} x2={cx + half} y2={cy + half} stroke={colors.white} strokeWidth={1.2} />
        <Line x1={cx + half} y1={cy - half} x2={cx - half} y2={cy + half} stroke={colors.white} strokeWidth={1.2} />
      </G>
    );
  }
  return <Rect x={x} y={y} width={width} height={height} fill={color} />;
}

function counts(lease: RentalLease): string {
  const tally = new Map<PaymentClassification, number>();
  for (const month of lease.months) tally.set(month.classification, (tally.get(month.classification) ?? 0) + 1);
  return PAYMENT_CLASSIFICATIONS.filter((classification) => tally.has(classification))
    .map((classification) => `${tally.get(classification) ?? 0} ${CLASSIFICATION_LABELS[classification].toLowerCase()}`)
    .join(" · ");
}

/**
 * The axis labels quarterly ("Jan 2025", "Apr", "Jul", "Oct"), under a tick at the quarter's first
 * month: every 24-month window holds a January, so the years are always there. (Each text costs about
 * a millisecond of layout: 8 labels per lease rather than 24 keep the typical render well faster.)
 */
function quarterLabel(period: string): { text: string; year: boolean } | undefined {
  const parsed = parsePeriod(period);
  if (!parsed || parsed.month % 3 !== 1) return undefined;
  const name = MONTH_NAMES[parsed.month - 1] ?? "";
  return parsed.month === 1 ? { text: `${name} ${parsed.year}`, year: true } : { text: name, year: false };
}

function LeaseRow({ lease }: { lease: RentalLease }) {
  const newest = lease.months[0]?.period;
  const byPeriod = new Map(lease.months.map((month) => [month.period, month.classification]));
  // Oldest on the left: column 0 is 23 months before the newest reported month.
  const columns = newest ? Array.from({ length: MONTHS_SHOWN }, (_, index) => shiftPeriod(newest, index - (MONTHS_SHOWN - 1))) : [];
  const shown = lease.monthsReported > MONTHS_SHOWN ? ` · last ${MONTHS_SHOWN} of ${lease.monthsReported} months shown` : "";
  return (
    <View wrap={false} style={{ marginTop: 8, paddingBottom: 4, borderBottomWidth: 0.5, borderBottomColor: colors.rule }}>
      <Text>
        <Text style={styles.bold}>{lease.lessor}</Text>
        <Text style={styles.muted}>
          {" "}
          · {lease.propertyType} · {lease.monthlyRent} a month
        </Text>
      </Text>
      <Text style={{ fontSize: 7.5, color: colors.muted, marginBottom: 4 }}>
        {lease.current ? `Current lease since ${lease.leaseStart}` : `Lease ${lease.leaseStart} to ${lease.leaseEnd}`}
        {shown} · {counts(lease)}
      </Text>
      <View>
        <Svg width={contentWidth} height={CHART_HEIGHT} viewBox={`0 0 ${contentWidth} ${CHART_HEIGHT}`}>
          {columns.map((period, index) => {
            const x = index * (CELL_WIDTH + GAP);
            const label = quarterLabel(period);
            return (
              <G key={period}>
                <Cell classification={byPeriod.get(period) ?? null} x={x} y={0} width={CELL_WIDTH} height={CELL_HEIGHT} />
                {label ? (
                  <G>
                    <Line x1={x + 0.4} y1={CELL_HEIGHT + 1} x2={x + 0.4} y2={CELL_HEIGHT + 4} stroke={colors.faint} strokeWidth={0.6} />
                    <Text x={x + 2} y={CELL_HEIGHT + 9} fill={label.year ? colors.text : colors.muted} {...(label.year ? YEAR_FONT : LABEL_FONT)}>
                      {label.text}
                    </Text>
                  </G>
                ) : null}
              </G>
            );
          })}
        </Svg>
      </View>
    </View>
  );
}

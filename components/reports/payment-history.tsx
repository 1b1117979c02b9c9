import { Section } from "@/components/app-shell/page-header";
import {
  CLASSIFICATION_LABELS,
  formatMonth,
  MONTH_NAMES,
  MONTHS_SHOWN,
  PAYMENT_CLASSIFICATIONS,
  parsePeriod,
  shiftPeriod,
  type PaymentClassification,
  type RentalLease,
  type ReportViewModel,
} from "@/lib/reports/view-model";
import { cn } from "@/lib/ui/cn";
import { CLASSIFICATION_CELL, NO_REPORT_CELL } from "./styles";

/**
 * The rental payment history: one row of 24 cells per lease (its last 24 months, oldest on the left),
 * each coloured by how the rent was paid, with a legend. Plain HTML: every cell is a list item whose
 * text ("Mar 2026: Paid late") is read by screen readers and shown as a tooltip; the shapes repeat the
 * colours' meaning. On a narrow phone the row scrolls sideways inside its own box.
 */
export function PaymentHistory({ report }: { report: ReportViewModel }) {
  const totals = report.paymentTotals;
  const summary =
    totals.months === 0
      ? undefined
      : `${totals.months} months shown · ${totals.PAID_ON_TIME} paid on time · ${totals.GRACE_PERIOD} in the grace period · ${totals.PAID_LATE} late · ${
          totals.PARTIALLY_PAID
        } partly paid · ${totals.DID_NOT_PAY} unpaid`;
  return (
    <Section title="Rental payment history" id="payment-history" description={summary}>
      {report.rentalHistory.length === 0 ? (
        <p className="text-sm text-muted-foreground">{report.found ? "No landlord or agency has reported a lease for this subject." : "TPN holds no record of this subject."}</p>
      ) : (
        <div className="flex flex-col gap-5">
          <Legend />
          {report.rentalHistory.map((lease, index) => (
            <LeaseRow key={`${lease.lessor}-${index}`} lease={lease} index={index} />
          ))}
        </div>
      )}
    </Section>
  );
}

function Swatch({ classification }: { classification: PaymentClassification | null }) {
  return (
    <span
      aria-hidden
      className={cn(
        "inline-flex size-4 shrink-0 items-center justify-center rounded-[3px] text-[10px] font-bold leading-none",
        classification ? CLASSIFICATION_CELL[classification] : NO_REPORT_CELL,
      )}
    >
      {classification === "DID_NOT_PAY" ? "×" : null}
    </span>
  );
}

function Legend() {
  const items: (PaymentClassification | null)[] = [...PAYMENT_CLASSIFICATIONS, null];
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-2 text-xs" data-testid="payment-legend">
      {items.map((classification) => (
        <li key={classification ?? "none"} className="flex items-center gap-1.5">
          <Swatch classification={classification} />
          {classification ? CLASSIFICATION_LABELS[classification] : "No report for the month"}
        </li>
      ))}
    </ul>
  );
}

function counts(lease: RentalLease): string {
  const tally = new Map<PaymentClassification, number>();
  for (const month of lease.months) tally.set(month.classification, (tally.get(month.classification) ?? 0) + 1);
  return PAYMENT_CLASSIFICATIONS.filter((classification) => tally.has(classification))
    .map((classification) => `${tally.get(classification) ?? 0} ${CLASSIFICATION_LABELS[classification].toLowerCase()}`)
    .join(" · ");
}

/** Quarterly axis labels under the first month of each quarter; January carries its year. */
function axisLabel(period: string): { month: string; year?: number } | undefined {
  const parsed = parsePeriod(period);
  if (!parsed || parsed.month % 3 !== 1) return undefined;
  const month = MONTH_NAMES[parsed.month - 1] ?? "";
  return parsed.month === 1 ? { month, year: parsed.year } : { month };
}

function LeaseRow({ lease, index }: { lease: RentalLease; index: number }) {
  const newest = lease.months[0]?.period;
  const byPeriod = new Map(lease.months.map((month) => [month.period, month]));
  // Oldest on the left: column 0 is 23 months before the newest reported month.
  const columns = newest ? Array.from({ length: MONTHS_SHOWN }, (_, column) => shiftPeriod(newest, column - (MONTHS_SHOWN - 1))) : [];
  const headingId = `lease-${index}-heading`;
  const first = columns[0];
  const last = columns[columns.length - 1];
  return (
    <figure aria-labelledby={headingId} className="min-w-0 border-t border-border pt-4 first-of-type:border-t-0 first-of-type:pt-0" data-testid="lease">
      <figcaption>
        <p id={headingId} className="break-words text-sm">
          <span className="font-semibold">{lease.lessor}</span>
          <span className="text-muted-foreground">
            {" "}
            · {lease.propertyType} · {lease.monthlyRent} a month
          </span>
        </p>
        <p className="mt-0.5 text-xs text-muted-foreground">
          {lease.current ? `Current lease since ${lease.leaseStart}` : `Lease ${lease.leaseStart} to ${lease.leaseEnd}`}
          {lease.monthsReported > MONTHS_SHOWN ? ` · last ${MONTHS_SHOWN} of ${lease.monthsReported} months shown` : ""}
          {lease.months.length > 0 ? ` · ${counts(lease)}` : ""}
        </p>
      </figcaption>
      {columns.length === 0 ? (
        <p className="mt-2 text-sm text-muted-foreground">No months reported for this lease.</p>
      ) : (
        <div className="mt-3 overflow-x-auto pb-1" tabIndex={0} role="region" aria-label={`Payments ${first ? formatMonth(first) : ""} to ${last ? formatMonth(last) : ""}, ${lease.lessor}`}>
          <div className="min-w-[18rem]">
            <ol className="grid grid-cols-24 gap-0.5" aria-label="Months, oldest first">
              {columns.map((period) => {
                const month = byPeriod.get(period);
                const text = `${formatMonth(period)}: ${month ? month.classificationLabel : "no report"}`;
                return (
                  <li
                    key={period}
                    title={text}
                    data-period={period}
                    data-classification={month?.classification ?? "NONE"}
                    className={cn(
                      "relative flex h-7 items-center justify-center rounded-[3px] text-[11px] font-bold leading-none",
                      month ? CLASSIFICATION_CELL[month.classification] : NO_REPORT_CELL,
                    )}
                  >
                    {month?.classification === "DID_NOT_PAY" ? <span aria-hidden>×</span> : null}
                    <span className="sr-only">{text}</span>
                  </li>
                );
              })}
            </ol>
            <div aria-hidden className="mt-1 grid grid-cols-24 gap-0.5 text-[10px] leading-tight text-muted-foreground">
              {columns.map((period, column) => {
                const label = axisLabel(period);
                if (!label) return null;
                return (
                  <span
                    key={period}
                    className={cn("border-l border-slate-400 pl-0.5", label.year ? "font-semibold text-foreground" : "")}
                    style={{ gridColumn: `${column + 1} / span ${Math.min(3, MONTHS_SHOWN - column)}`, gridRow: 1 }}
                  >
                    {label.month}
                    {label.year ? <span className="block">{label.year}</span> : null}
                  </span>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </figure>
  );
}

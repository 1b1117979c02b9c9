import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { ReportReason, ReportViewModel } from "@/lib/reports/view-model";
import { cn } from "@/lib/ui/cn";
import { BAND_STYLES, RECOMMENDATION_STYLES, SEVERITY_STYLES, TONE_DOTS, TONE_LABELS } from "./styles";

/** Reasons shown in full (with their evidence); the rest are listed one line each, as in the PDF. */
export const TOP_REASONS = 5;

export function BandBadge({ band, label, className }: { band: ReportViewModel["risk"]["band"]; label: string; className?: string }) {
  return (
    <span data-band={band} className={cn("inline-flex items-center rounded-md px-2.5 py-1 text-sm font-bold", BAND_STYLES[band].badge, className)}>
      {label}
    </span>
  );
}

/**
 * The first thing a reader sees: who the report is about, the band and score, the recommendation
 * with its conditions, the key facts, affordability and why the model scored as it did.
 */
export function ReportSummary({ report, actions }: { report: ReportViewModel; actions?: ReactNode }) {
  const { risk, subject } = report;
  const band = BAND_STYLES[risk.band];
  return (
    <section aria-labelledby="report-summary-heading" data-testid="report-summary" className="rounded-lg border border-border bg-card p-4 shadow-sm sm:p-6">
      <div className="flex flex-col gap-4 md:flex-row md:items-start md:justify-between">
        <div className="min-w-0">
          <p className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">Risk report · {subject.type === "company" ? "Company" : "Applicant"}</p>
          <h2 id="report-summary-heading" className="mt-1 break-words text-xl font-bold tracking-tight sm:text-2xl">
            {subject.name}
          </h2>
          <p className="mt-1 text-sm">
            {subject.identifierLabel} <span className="font-mono font-medium">{subject.maskedIdentifier}</span>
          </p>
          <p className="mt-2 text-sm text-muted-foreground">
            Requested by {report.requestedBy}, {report.organisationName}
          </p>
          <p className="text-sm text-muted-foreground">
            Reference <span className="font-mono">{report.reference}</span>
            {report.clientReference ? <span className="break-words"> ({report.clientReference})</span> : null} · {report.generatedAtLabel}
          </p>
          {actions ? <div className="mt-3 flex flex-wrap gap-2">{actions}</div> : null}
        </div>

        <div className={cn("shrink-0 rounded-md border p-4 md:w-64", band.tint)} data-testid="risk-band">
          <BandBadge band={risk.band} label={risk.bandLabel} />
          <p className="mt-3 flex items-baseline gap-1.5">
            <span className="text-4xl font-bold tabular-nums text-foreground" data-testid="risk-score">
              {risk.score}
            </span>
            <span className="text-sm text-muted-foreground">/ 100 score</span>
          </p>
          <div
            role="meter"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={risk.score}
            aria-label={`Score ${risk.score} out of 100, higher is safer`}
            className="mt-2 h-2 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className={cn("h-full rounded-full", band.meter)} style={{ width: `${Math.max(3, risk.score)}%` }} />
          </div>
          <p className="mt-2 text-xs text-muted-foreground">Higher is safer: every adverse factor takes points off 100.</p>
        </div>
      </div>

      <Recommendation recommendation={risk.recommendation} />

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <div className="min-w-0">
          <h3 className="text-base font-semibold">Key facts</h3>
          <dl className="mt-2 divide-y divide-border text-sm">
            {report.highlights.map((highlight) => (
              <div key={highlight.label} className="flex items-start gap-2 py-2">
                <span aria-hidden className={cn("mt-1.5 size-2 shrink-0 rounded-full", TONE_DOTS[highlight.tone])} />
                <dt className="w-36 shrink-0 text-muted-foreground">{highlight.label}</dt>
                <dd className="min-w-0 flex-1 break-words font-medium">
                  {highlight.value}
                  <span className="sr-only"> ({TONE_LABELS[highlight.tone]})</span>
                </dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="min-w-0">
          <h3 className="text-base font-semibold">Affordability</h3>
          {risk.affordability ? (
            <div className="mt-2 flex items-start gap-4 text-sm" data-testid="affordability">
              <div className="shrink-0">
                <p className="text-2xl font-bold tabular-nums">{risk.affordability.ratioLabel}</p>
                <p className="text-xs text-muted-foreground">rent to gross income</p>
              </div>
              <div className="min-w-0">
                <p className="font-semibold">{risk.affordability.verdictLabel}</p>
                <p className="text-muted-foreground">{risk.affordability.sentence}</p>
              </div>
            </div>
          ) : (
            <p className="mt-2 text-sm text-muted-foreground">Not assessed: the enquiry gave no rent and income to compare.</p>
          )}
        </div>
      </div>

      <Reasons reasons={risk.reasons} />

      <p className="mt-6 text-xs text-muted-foreground">
        Score from 0 to 100, higher is safer, by the TenantLens risk model {risk.modelVersion} from the TPN bureau report
        {report.bureauGrade ? ` (bureau grade ${report.bureauGrade})` : ""}; points are what each factor took off the score.
      </p>
    </section>
  );
}

function Recommendation({ recommendation }: { recommendation: ReportViewModel["risk"]["recommendation"] }) {
  const tone = RECOMMENDATION_STYLES[recommendation.code];
  return (
    <div className={cn("mt-6 rounded-md border-l-4 px-4 py-3", tone.frame)} data-testid="recommendation" data-recommendation={recommendation.code}>
      <p className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">Recommendation</p>
      <p className={cn("text-lg font-bold", tone.title)}>{recommendation.label}</p>
      <p className="mt-1 text-sm">{recommendation.summary}</p>
      {recommendation.conditions.length > 0 ? (
        <div className="mt-2 text-sm">
          <p className="font-semibold">Conditions</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {recommendation.conditions.map((condition) => (
              <li key={condition}>{condition}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function SeverityBadge({ reason }: { reason: ReportReason }) {
  return (
    <Badge className={cn("w-fit", SEVERITY_STYLES[reason.severity])} data-severity={reason.severity}>
      <span className="sr-only">Severity: </span>
      {reason.severityLabel}
    </Badge>
  );
}

/** What the reason took off the score; nothing for a reason that took nothing (most positives). */
function Points({ reason }: { reason: ReportReason }) {
  if (reason.points === 0) return null;
  return (
    <span className="shrink-0 text-sm font-semibold tabular-nums">
      {reason.pointsLabel} <span className="text-xs font-normal text-muted-foreground">pts</span>
      <span className="sr-only">{reason.points < 0 ? " taken off the score" : " added to the score"}</span>
    </span>
  );
}

function Reasons({ reasons }: { reasons: ReportReason[] }) {
  const top = reasons.slice(0, TOP_REASONS);
  const rest = reasons.slice(TOP_REASONS);
  return (
    <div className="mt-6">
      <h3 className="text-base font-semibold">
        Why this result
        {reasons.length > 0 ? (
          <span className="ml-2 text-sm font-normal text-muted-foreground">
            {reasons.length} {reasons.length === 1 ? "factor" : "factors"}
          </span>
        ) : null}
      </h3>
      {reasons.length === 0 ? <p className="mt-2 text-sm text-muted-foreground">The model recorded no factors.</p> : null}
      <ol className="mt-2 divide-y divide-border" aria-label="Main factors, most severe first">
        {top.map((reason, index) => (
          <li key={`${reason.code}-${index}`} className="flex flex-col gap-1.5 py-3 sm:flex-row sm:items-start sm:gap-3" data-reason={reason.code}>
            <div className="flex items-center justify-between gap-2 sm:w-24 sm:shrink-0 sm:pt-0.5">
              <SeverityBadge reason={reason} />
              <span className="sm:hidden">
                <Points reason={reason} />
              </span>
            </div>
            <div className="min-w-0 flex-1">
              <p className="break-words text-sm font-medium">{reason.sentence}</p>
              {reason.evidence.length > 0 ? (
                <ul className="mt-1 flex list-disc flex-col gap-0.5 pl-4 text-xs text-muted-foreground" aria-label="Evidence">
                  {reason.evidence.map((item) => (
                    <li key={item} className="break-words">
                      {item}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
            <span className="hidden sm:block">
              <Points reason={reason} />
            </span>
          </li>
        ))}
      </ol>
      {rest.length > 0 ? (
        <details className="group mt-2 rounded-md border border-border">
          <summary className="cursor-pointer list-none rounded-md px-3 py-2 text-sm font-medium hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring [&::-webkit-details-marker]:hidden">
            <span className="group-open:hidden">Show {rest.length} other {rest.length === 1 ? "factor" : "factors"}</span>
            <span className="hidden group-open:inline">Hide the other factors</span>
          </summary>
          <ul className="divide-y divide-border border-t border-border px-3">
            {rest.map((reason, index) => (
              <li key={`${reason.code}-${index}`} className="flex flex-wrap items-start gap-x-3 gap-y-1 py-2 text-sm" data-reason={reason.code}>
                <SeverityBadge reason={reason} />
                <span className="min-w-0 flex-1 basis-48 break-words">{reason.sentence}</span>
                <Points reason={reason} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import type { ReportViewModel } from "@/lib/reports/view-model";
import { cn } from "@/lib/ui/cn";
import {
  CompanySections,
  CreditExposureSection,
  DefaultsSection,
  DirectorshipsSection,
  FraudAlertsSection,
  IdVerificationSection,
  JudgmentsSection,
  NoticesSection,
} from "./bureau-sections";
import { PaymentHistory } from "./payment-history";
import { ReportSummary } from "./report-summary";

/**
 * The whole report on screen, in the PDF's order: the summary, then (for a company) the company and
 * its directors, the rental payment history and the bureau's records. No hooks, so it renders on the
 * server for both the enquiry page and the public shared page.
 */
export function ReportView({ report, actions, afterSummary }: { report: ReportViewModel; actions?: ReactNode; afterSummary?: ReactNode }) {
  const company = report.subject.type === "company";
  return (
    <div className="flex min-w-0 flex-col gap-6" data-testid="report" data-subject-type={report.subject.type}>
      <ReportSummary report={report} actions={actions} />
      {afterSummary}
      {company ? <CompanySections report={report} /> : null}
      <PaymentHistory report={report} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Cell wide={report.defaults.length > 0}>
          <DefaultsSection report={report} />
        </Cell>
        <Cell wide={report.judgments.length > 0}>
          <JudgmentsSection report={report} />
        </Cell>
        <Cell wide={report.notices.length > 0}>
          <NoticesSection report={report} />
        </Cell>
        {company ? null : (
          <>
            <Cell>
              <CreditExposureSection report={report} />
            </Cell>
            <Cell>
              <IdVerificationSection report={report} />
            </Cell>
            <Cell wide={report.fraudAlerts.length > 0}>
              <FraudAlertsSection report={report} />
            </Cell>
            <Cell wide={report.directorships.length > 0}>
              <DirectorshipsSection report={report} />
            </Cell>
          </>
        )}
      </div>
    </div>
  );
}

/** A section in the two-column grid (desktop): a table with rows takes the full width, a short one half. */
function Cell({ wide = false, children }: { wide?: boolean; children: ReactNode }) {
  return <div className={cn("min-w-0 [&>section]:h-full", wide ? "lg:col-span-2" : "")}>{children}</div>;
}

/** POPIA s71: the score supports a person's decision and never replaces it. */
export function AdviceNotice({ shared = false }: { shared?: boolean }) {
  return (
    <Alert variant="info" role={undefined} title="The score is advice, not a decision" data-testid="advice-notice">
      {shared ? (
        <p>
          The risk score and recommendation are produced automatically from the TPN bureau record. Under POPIA section 71 a decision about the applicant may not rest on
          them alone: a person weighs them with everything else they know.
        </p>
      ) : (
        <p>
          The risk score and recommendation are produced automatically from the TPN bureau record. Under POPIA section 71 you make the decision, not the model: weigh the
          report with what else you know, and record your decision and why. The applicant may ask for the reasons, and may dispute bureau records with TPN.
        </p>
      )}
    </Alert>
  );
}

import { Document, Page } from "@react-pdf/renderer";
import type { ReportViewModel } from "../view-model";
import { ReportFooter } from "./footer";
import { ReportHeader } from "./header";
import { PaymentHistoryChart } from "./payment-history-chart";
import { BureauSections, CompanySection } from "./sections";
import { SummaryPage } from "./summary-page";
import { styles } from "./theme";

/**
 * The whole report: the summary on its own page(s), then the payment-history chart and the bureau
 * sections, flowing over as many pages as they need. Header and footer repeat on every page.
 */
export function ReportDocument({ view }: { view: ReportViewModel }) {
  const company = view.subject.type === "company";
  return (
    <Document
      title={`Tenant risk report ${view.reference}`}
      author={view.organisationName}
      subject={`Tenant risk report for ${view.subject.name}`}
      creator="TenantLens"
      producer="TenantLens"
      language="en-ZA"
    >
      <Page size="A4" style={styles.page}>
        <ReportHeader view={view} />
        <ReportFooter view={view} />
        <SummaryPage view={view} />
      </Page>
      <Page size="A4" style={styles.page}>
        <ReportHeader view={view} />
        <ReportFooter view={view} />
        {company ? <CompanySection view={view} /> : null}
        <PaymentHistoryChart view={view} first={!company} />
        <BureauSections view={view} />
      </Page>
    </Document>
  );
}

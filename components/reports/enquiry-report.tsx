import type { Jsonified } from "@/components/enquiries/jsonified";
import type { getReport } from "@/lib/reports/read-report";
import { DecisionPanel } from "./decision-panel";
import { DownloadPdfLink } from "./download-pdf-link";
import { AdviceNotice, ReportView } from "./report-view";
import { ShareLinksPanel } from "./share-links-panel";

export type EnquiryReportData = Jsonified<Awaited<ReturnType<typeof getReport>>>;

/**
 * The finished report on the enquiry page (rendered on the server and handed to the client detail
 * view): the report itself, the POPIA notice, the requester's decision and the share links.
 */
export function EnquiryReport({ data, canDownload, canDecide }: { data: EnquiryReportData; canDownload: boolean; canDecide: boolean }) {
  const id = encodeURIComponent(data.id);
  const actions = canDownload ? (
    data.pdfAvailable ? (
      <DownloadPdfLink href={`/api/reports/${id}/pdf`} />
    ) : (
      <p className="text-sm text-muted-foreground">The PDF is still being prepared.</p>
    )
  ) : null;
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <ReportView report={data.report} actions={actions} afterSummary={<AdviceNotice />} />
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <DecisionPanel enquiryId={data.id} decision={data.decision} canDecide={canDecide} />
        <ShareLinksPanel enquiryId={data.id} available={data.pdfAvailable} />
      </div>
    </div>
  );
}

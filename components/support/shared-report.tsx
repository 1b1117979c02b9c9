"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { PageHeader } from "@/components/app-shell/page-header";
import { callApi } from "@/components/forms/api";
import { formatDateTime } from "@/components/format";
import type { EnquiryReportData } from "@/components/reports/enquiry-report";
import { ReportView } from "@/components/reports/report-view";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { sharedReportUrl } from "./api";

/**
 * A report a customer shared with support (GET /api/support/conversations/:id/shared-reports/:enquiryId,
 * the same JSON as GET /api/reports/:id), rendered with the enquiry page's report view, read only.
 */
export function SharedReport({ conversationId, enquiryId }: { conversationId: string; enquiryId: string }) {
  const [state, setState] = useState<{ data: EnquiryReportData } | { error: string } | null>(null);

  useEffect(() => {
    let current = true;
    void callApi<EnquiryReportData>(sharedReportUrl(conversationId, enquiryId), { method: "GET" }).then((result) => {
      if (current) setState(result.ok ? { data: result.data } : { error: result.status === 404 ? "This report is not shared with this conversation (any more)." : result.error.message });
    });
    return () => {
      current = false;
    };
  }, [conversationId, enquiryId]);

  const back = (
    <Button asChild variant="outline">
      <Link href={`/support?c=${encodeURIComponent(conversationId)}`}>
        <ArrowLeft aria-hidden className="size-4" />
        Back to the conversation
      </Link>
    </Button>
  );

  return (
    <div className="flex min-w-0 flex-col gap-6" data-testid="support-shared-report">
      <PageHeader title="Shared report" description="Shared by the customer in a support conversation. Read only; opening it is recorded in the audit log." actions={back} />
      {state === null ? (
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <Spinner /> Loading the report…
        </p>
      ) : "error" in state ? (
        <Alert variant="error" title="The report cannot be shown">
          {state.error}
        </Alert>
      ) : (
        <>
          {state.data.decision ? (
            <Alert variant="info" role={undefined} title="The customer's decision">
              <p>
                {state.data.decision.decision === "approved" ? "Approved" : "Declined"}
                {state.data.decision.decidedBy ? ` by ${state.data.decision.decidedBy}` : ""}
                {state.data.decision.decidedAt ? `, ${formatDateTime(state.data.decision.decidedAt)}` : ""}
                {state.data.decision.note ? `: ${state.data.decision.note}` : ""}
              </p>
            </Alert>
          ) : null}
          <ReportView report={state.data.report} />
        </>
      )}
    </div>
  );
}

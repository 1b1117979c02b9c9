import { Link2Off } from "lucide-react";
import type { Metadata } from "next";
import { formatDateTime } from "@/components/format";
import { DownloadPdfLink } from "@/components/reports/download-pdf-link";
import { AdviceNotice, ReportView } from "@/components/reports/report-view";
import { Card } from "@/components/ui/card";
import { TooManyRequests } from "@/components/ui/too-many-requests";
import { getDb } from "@/db";
import { NotFoundError } from "@/lib/api/errors";
import { anonymousAuditContext } from "@/lib/api/request-context";
import { limitPublicPage } from "@/lib/rate-limit/limit-public-page";
import { getSharedReport } from "@/lib/reports/read-report";
import { openShareLink } from "@/lib/reports/share-links";
import type { ReportViewModel } from "@/lib/reports/view-model";

export const metadata: Metadata = { title: "Shared risk report" };

type Shared = { kind: "ok"; report: ReportViewModel; expiresAt: Date } | { kind: "gone" } | { kind: "busy" };

async function loadShared(token: string): Promise<Shared> {
  // Guessing tokens is hopeless (they are long and random); the limit keeps anyone from trying hard.
  const context = await limitPublicPage();
  if (context === "busy") return { kind: "busy" };
  try {
    const db = await getDb();
    // Counts the view and audits it, like GET /api/shared/:token; unknown, expired and revoked links throw.
    const link = await openShareLink(db, anonymousAuditContext(context), token);
    return { kind: "ok", report: await getSharedReport(db, link.enquiryId), expiresAt: link.expiresAt };
  } catch (error) {
    if (error instanceof NotFoundError) return { kind: "gone" };
    throw error;
  }
}

/**
 * Public: a read-only report for whoever holds the link (no decision, no sharing). The token is the
 * only credential; the page reads the report on the server, and the PDF comes from the public route.
 */
export default async function SharedReportPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = await loadShared(token);
  if (shared.kind === "gone") return <LinkUnavailable />;
  if (shared.kind === "busy") return <TooManyRequests />;
  const { report, expiresAt } = shared;
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Tenant risk report</h1>
      <div role="note" className="flex flex-col gap-3 rounded-lg border border-primary/30 bg-primary/5 p-4 text-sm sm:flex-row sm:items-center sm:justify-between" data-testid="shared-banner">
        <p className="min-w-0 break-words">
          Shared with you by <strong className="font-semibold">{report.organisationName}</strong>, link expires{" "}
          <time dateTime={expiresAt.toISOString()} className="font-semibold">
            {formatDateTime(expiresAt)}
          </time>
          .
        </p>
        <div className="shrink-0">
          <DownloadPdfLink href={`/api/shared/${encodeURIComponent(token)}/pdf`} />
        </div>
      </div>
      <ReportView report={report} afterSummary={<AdviceNotice shared />} />
    </div>
  );
}

function LinkUnavailable() {
  return (
    <Card className="mx-auto flex max-w-lg flex-col gap-3 p-5 sm:p-8" data-testid="shared-unavailable">
      <Link2Off aria-hidden className="size-10 text-muted-foreground" />
      <h1 className="text-2xl font-bold tracking-tight">This report is no longer available</h1>
      <p className="text-sm text-muted-foreground">
        The link has expired, was revoked by whoever shared it, or was copied incompletely. Shared reports stay open for at most 7 days.
      </p>
      <p className="text-sm text-muted-foreground">If you still need the report, ask the landlord or letting agent who sent the link for a new one.</p>
    </Card>
  );
}

import { parseId } from "@/lib/api/parse-id";
import { pdfResponse } from "@/lib/api/pdf-response";
import { withAuth } from "@/lib/auth/with-auth";
import { downloadReportPdf } from "@/lib/reports/report-pdf-file";

export const runtime = "nodejs";

export const GET = withAuth<{ id: string }>({ permission: "report:download" }, async (_request, { db, actor, audit, params }) =>
  pdfResponse(await downloadReportPdf(db, actor, audit, parseId(params.id, "Report"))),
);

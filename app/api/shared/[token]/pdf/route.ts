import { pdfResponse } from "@/lib/api/pdf-response";
import { withPublicRoute } from "@/lib/api/public-route";
import { sharedReportPdf } from "@/lib/reports/report-pdf-file";
import { openShareLink } from "@/lib/reports/share-links";

export const runtime = "nodejs";

export const GET = withPublicRoute<{ token: string }>({ rateLimit: "auth:public-form" }, async (_request, { db, audit, params }) => {
  const link = await openShareLink(db, audit, params.token);
  return pdfResponse(await sharedReportPdf(db, link.enquiryId));
});

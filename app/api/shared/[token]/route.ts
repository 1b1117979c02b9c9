import { withPublicRoute } from "@/lib/api/public-route";
import { json } from "@/lib/api/with-api";
import { getSharedReport } from "@/lib/reports/read-report";
import { openShareLink } from "@/lib/reports/share-links";

export const runtime = "nodejs";

/** A shared report for someone outside the account; expired or revoked links answer 404. */
export const GET = withPublicRoute<{ token: string }>({ rateLimit: "auth:public-form" }, async (_request, { db, audit, params }) => {
  const link = await openShareLink(db, audit, params.token);
  return json({ report: await getSharedReport(db, link.enquiryId), expiresAt: link.expiresAt });
});

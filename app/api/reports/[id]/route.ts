import { parseId } from "@/lib/api/parse-id";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { getReport } from "@/lib/reports/read-report";

export const runtime = "nodejs";

export const GET = withAuth<{ id: string }>({ permission: "report:read" }, async (_request, { db, actor, audit, params }) =>
  json(await getReport(db, actor, audit, parseId(params.id, "Report"))),
);

import { json, withApi } from "@/lib/api/with-api";
import { runHealthChecks } from "@/lib/health/run-health-checks";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** 200 when every configured dependency answers, 503 naming the ones that do not. */
export const GET = withApi(async () => {
  const report = await runHealthChecks();
  return json(report, { status: report.status === "ok" ? 200 : 503 });
});

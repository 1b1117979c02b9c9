import { parseId } from "@/lib/api/parse-id";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { decisionSchema, recordDecision } from "@/lib/reports/record-decision";

export const runtime = "nodejs";

export const POST = withAuth<{ id: string }>({ permission: "report:decide" }, async (request, { db, actor, audit, params }) => {
  const input = await readJson(request, decisionSchema);
  await recordDecision(db, actor, audit, parseId(params.id, "Report"), input);
  return json({ decision: input.decision });
});

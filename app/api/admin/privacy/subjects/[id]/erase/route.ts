import { parseId } from "@/lib/api/parse-id";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { eraseDataSubject, eraseRequestSchema } from "@/lib/privacy/erase-data-subject";

export const runtime = "nodejs";

/** Idempotent: a second call answers 200 with `alreadyErased: true` and the first erasure's time. */
export const POST = withAuth<{ id: string }>({ permission: "privacy:handle-requests" }, async (request, { db, actor, audit, params }) => {
  const subjectId = parseId(params.id, "Data subject");
  const input = await readJson(request, eraseRequestSchema);
  return json(await eraseDataSubject(db, actor, audit, subjectId, input));
});

import { parseId } from "@/lib/api/parse-id";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { readSharedReport, unshareReport } from "@/lib/support/shared-reports";

export const runtime = "nodejs";

/** Staff read a report only through the conversation it was shared in. */
export const GET = withAuth<{ id: string; enquiryId: string }>({ permission: "support:reply" }, async (_request, { db, actor, audit, params }) =>
  json(await readSharedReport(db, actor, audit, parseId(params.id, "Conversation"), parseId(params.enquiryId, "Shared report"))),
);

export const DELETE = withAuth<{ id: string; enquiryId: string }>({ permission: "support:converse" }, async (_request, { db, actor, audit, params }) => {
  await unshareReport(db, actor, audit, parseId(params.id, "Conversation"), parseId(params.enquiryId, "Shared report"));
  return new Response(null, { status: 204 });
});

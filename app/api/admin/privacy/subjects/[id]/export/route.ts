import { parseId } from "@/lib/api/parse-id";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { exportSubject, subjectExportFilename } from "@/lib/privacy/export-subject";

export const runtime = "nodejs";

export const GET = withAuth<{ id: string }>({ permission: "privacy:handle-requests" }, async (_request, { db, actor, audit, params }) => {
  const subjectId = parseId(params.id, "Data subject");
  const body = await exportSubject(db, actor, audit, subjectId);
  return json(body, {
    headers: { "content-disposition": `attachment; filename="${subjectExportFilename(subjectId)}"`, "x-content-type-options": "nosniff" },
  });
});

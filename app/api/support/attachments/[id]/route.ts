import { fileResponse } from "@/lib/api/file-response";
import { parseId } from "@/lib/api/parse-id";
import { withAuth } from "@/lib/auth/with-auth";
import { downloadAttachment } from "@/lib/support/attachments";

export const runtime = "nodejs";

export const GET = withAuth<{ id: string }>({ permission: "support:participate" }, async (_request, { db, actor, audit, params }) => {
  const file = await downloadAttachment(db, actor, audit, parseId(params.id, "Attachment"));
  return fileResponse(file);
});

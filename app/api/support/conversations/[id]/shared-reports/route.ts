import { z } from "zod";
import { parseId } from "@/lib/api/parse-id";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { shareReport } from "@/lib/support/shared-reports";

export const runtime = "nodejs";

export const POST = withAuth<{ id: string }>({ permission: "support:converse" }, async (request, { db, actor, audit, params }) => {
  const { enquiryId } = await readJson(request, z.object({ enquiryId: z.uuid("Choose one of your enquiries.") }));
  await shareReport(db, actor, audit, parseId(params.id, "Conversation"), enquiryId);
  return json({ enquiryId }, { status: 201 });
});

import { z } from "zod";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { confirmLinkCode } from "@/lib/whatsapp/link-number";

export const runtime = "nodejs";

const schema = z.object({ code: z.string({ message: "Enter the 6-digit code." }).max(16) });

export const POST = withAuth({ permission: "whatsapp:link" }, async (request, { db, actor, audit }) => {
  const { code } = await readJson(request, schema);
  return json(await confirmLinkCode(db, actor, audit, code));
});

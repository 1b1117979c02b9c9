import { z } from "zod";
import { confirmMfaEnrolment } from "@/lib/accounts/manage-mfa";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

const schema = z.object({ code: z.string().min(1, "Enter the 6-digit code from your app.") });

export const POST = withAuth({ permission: "account:manage-own" }, async (request, { db, actor, audit }) => {
  const { code } = await readJson(request, schema);
  return json(await confirmMfaEnrolment(db, actor, audit, code));
});

import { z } from "zod";
import { withPublicRoute } from "@/lib/api/public-route";
import { json } from "@/lib/api/with-api";
import { readJson } from "@/lib/api/read-json";
import { verifyEmail } from "@/lib/accounts/verify-email";

export const runtime = "nodejs";

const schema = z.object({ token: z.string().min(1, "The confirmation link is incomplete.").max(200) });

export const POST = withPublicRoute({ rateLimit: "auth:public-form" }, async (request, { db, audit }) => {
  const { token } = await readJson(request, schema);
  await verifyEmail(db, audit, token);
  return json({ verified: true });
});

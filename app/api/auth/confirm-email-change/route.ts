import { z } from "zod";
import { confirmEmailChange } from "@/lib/accounts/change-email";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withPublicRoute } from "@/lib/api/public-route";

export const runtime = "nodejs";

const schema = z.object({ token: z.string().min(1, "The confirmation link is incomplete.").max(200) });

/** Public: the link may be opened on another device, without a session. Every session ends on success. */
export const POST = withPublicRoute({ rateLimit: "auth:public-form" }, async (request, { db, audit }) => {
  const { token } = await readJson(request, schema);
  await confirmEmailChange(db, audit, token);
  return json({ changed: true });
});

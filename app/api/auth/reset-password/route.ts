import { z } from "zod";
import { withPublicRoute } from "@/lib/api/public-route";
import { json } from "@/lib/api/with-api";
import { readJson } from "@/lib/api/read-json";
import { resetPassword } from "@/lib/accounts/reset-password";

export const runtime = "nodejs";

const schema = z.object({ token: z.string().min(1, "The reset link is incomplete.").max(200), password: z.string() });

export const POST = withPublicRoute({ rateLimit: "auth:public-form" }, async (request, { db, audit }) => {
  const { token, password } = await readJson(request, schema);
  await resetPassword(db, audit, token, password);
  return json({ message: "Your password is changed. Sign in with the new one." });
});

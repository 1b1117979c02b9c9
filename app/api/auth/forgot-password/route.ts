import { z } from "zod";
import { withPublicRoute } from "@/lib/api/public-route";
import { json } from "@/lib/api/with-api";
import { readJson } from "@/lib/api/read-json";
import { emailField } from "@/lib/accounts/email-address";
import { requestPasswordReset } from "@/lib/accounts/reset-password";

export const runtime = "nodejs";

const schema = z.object({ email: emailField });

export const POST = withPublicRoute({ rateLimit: "auth:public-form" }, async (request, { db, audit }) => {
  const { email } = await readJson(request, schema);
  await requestPasswordReset(db, audit, email);
  return json({ message: "If an account uses that email, a reset link is on its way." }, { status: 202 });
});

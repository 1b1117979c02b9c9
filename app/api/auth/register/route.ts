import { withPublicRoute } from "@/lib/api/public-route";
import { json } from "@/lib/api/with-api";
import { readJson } from "@/lib/api/read-json";
import { registerAccount, registrationSchema } from "@/lib/accounts/register-account";

export const runtime = "nodejs";

/** 202 whether or not the email already had an account: the answer reveals nothing. */
export const POST = withPublicRoute({ rateLimit: "auth:public-form" }, async (request, { db, audit }) => {
  await registerAccount(db, audit, await readJson(request, registrationSchema));
  return json({ message: "Check your email for a link to confirm your address." }, { status: 202 });
});

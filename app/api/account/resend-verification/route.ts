import { resendVerificationEmail } from "@/lib/accounts/reset-password";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

export const POST = withAuth({ permission: "account:manage-own", rateLimit: "auth:public-form" }, async (_request, { db, actor, audit }) => {
  await resendVerificationEmail(db, audit, actor.userId);
  return json({ message: "A new confirmation link is on its way." }, { status: 202 });
});

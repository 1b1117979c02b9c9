import { z } from "zod";
import { requestEmailChange } from "@/lib/accounts/change-email";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

// newEmail is checked after the password (lib/accounts/change-email.ts): re-authentication comes first.
const schema = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(1024),
  newEmail: z.string().max(1024),
});

/** Sends a mail to the address either way: the answer never says whether it already has an account. */
export const POST = withAuth({ permission: "account:manage-own", rateLimit: "auth:public-form" }, async (request, { db, actor, audit }) => {
  const { newEmail } = await requestEmailChange(db, actor, audit, await readJson(request, schema));
  return json({ message: `We sent a confirmation link to ${newEmail}. Open it to finish the change; until then, keep signing in with your current address.` }, { status: 202 });
});

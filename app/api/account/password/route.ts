import { z } from "zod";
import { changePassword } from "@/lib/accounts/change-password";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

const schema = z.object({ currentPassword: z.string().min(1, "Enter your current password."), newPassword: z.string() });

export const POST = withAuth({ permission: "account:manage-own" }, async (request, { db, actor, audit }) => {
  await changePassword(db, actor, audit, await readJson(request, schema));
  return json({ message: "Password changed. Every session has ended; sign in again." });
});

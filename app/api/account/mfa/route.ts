import { z } from "zod";
import { disableMfa, startMfaEnrolment } from "@/lib/accounts/manage-mfa";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

const startSchema = z.object({ currentPassword: z.string().min(1, "Enter your current password.") });
const disableSchema = z.object({ currentPassword: z.string().min(1, "Enter your current password."), code: z.string().min(1, "Enter a code from your app.") });

export const POST = withAuth({ permission: "account:manage-own" }, async (request, { db, actor, audit }) => {
  const { currentPassword } = await readJson(request, startSchema);
  return json(await startMfaEnrolment(db, actor, audit, currentPassword));
});

export const DELETE = withAuth({ permission: "account:manage-own" }, async (request, { db, actor, audit }) => {
  await disableMfa(db, actor, audit, await readJson(request, disableSchema));
  return new Response(null, { status: 204 });
});

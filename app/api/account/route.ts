import { getProfile, profileSchema, updateProfile } from "@/lib/accounts/update-profile";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

export const GET = withAuth({ permission: "account:manage-own" }, async (_request, { db, actor }) => json(await getProfile(db, actor)));

export const PATCH = withAuth({ permission: "account:manage-own" }, async (request, { db, actor, audit }) => {
  await updateProfile(db, actor, audit, await readJson(request, profileSchema));
  return json(await getProfile(db, actor));
});

import { adminUserUpdateSchema, updateUserAsAdmin } from "@/lib/admin/users";
import { parseId } from "@/lib/api/parse-id";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

export const PATCH = withAuth<{ id: string }>({ permission: "user:manage" }, async (request, { db, actor, audit, params }) => {
  const input = await readJson(request, adminUserUpdateSchema);
  await updateUserAsAdmin(db, actor, audit, parseId(params.id, "User"), input);
  return json({ id: params.id, ...input });
});

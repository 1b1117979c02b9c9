import { parseId } from "@/lib/api/parse-id";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { changeMemberRole, changeRoleSchema, removeMember } from "@/lib/organisation/manage-member";

export const runtime = "nodejs";

export const PATCH = withAuth<{ id: string }>({ permission: "org:manage-members" }, async (request, { db, actor, audit, params }) => {
  const { role } = await readJson(request, changeRoleSchema);
  await changeMemberRole(db, actor, audit, parseId(params.id, "Member"), role);
  return json({ id: params.id, role });
});

export const DELETE = withAuth<{ id: string }>({ permission: "org:manage-members" }, async (_request, { db, actor, audit, params }) => {
  await removeMember(db, actor, audit, parseId(params.id, "Member"));
  return new Response(null, { status: 204 });
});

import { organisationUpdateSchema, setOrganisationDisabled } from "@/lib/admin/organisations";
import { parseId } from "@/lib/api/parse-id";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

export const PATCH = withAuth<{ id: string }>({ permission: "org:manage-all" }, async (request, { db, actor, audit, params }) => {
  const { disabled } = await readJson(request, organisationUpdateSchema);
  await setOrganisationDisabled(db, actor, audit, parseId(params.id, "Organisation"), disabled);
  return json({ id: params.id, disabled });
});

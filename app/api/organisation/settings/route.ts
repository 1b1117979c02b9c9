import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { organisationSettingsSchema, readOrganisationSettings, updateOrganisationSettings } from "@/lib/organisation/organisation-settings";

export const runtime = "nodejs";

export const GET = withAuth({ permission: "org:manage-settings" }, async (_request, { db, actor }) => json(await readOrganisationSettings(db, actor)));

export const PATCH = withAuth({ permission: "org:manage-settings" }, async (request, { db, actor, audit }) =>
  json(await updateOrganisationSettings(db, actor, audit, await readJson(request, organisationSettingsSchema))),
);

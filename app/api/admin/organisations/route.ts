import { listOrganisations, organisationSearchSchema } from "@/lib/admin/organisations";
import { parseQuery } from "@/lib/api/parse-query";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

export const GET = withAuth({ permission: "org:manage-all" }, async (request, { db, actor }) =>
  json({ organisations: await listOrganisations(db, actor, parseQuery(request, organisationSearchSchema)) }),
);

import { parseId } from "@/lib/api/parse-id";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { createShareLink, createShareLinkSchema, listShareLinks } from "@/lib/reports/share-links";

export const runtime = "nodejs";

export const GET = withAuth<{ id: string }>({ permission: "report:read" }, async (_request, { db, actor, params }) =>
  json({ links: await listShareLinks(db, actor, parseId(params.id, "Report")) }),
);

/** The URL is returned this once; only its hash is kept. */
export const POST = withAuth<{ id: string }>({ permission: "report:read" }, async (request, { db, actor, audit, params }) => {
  const input = await readJson(request, createShareLinkSchema);
  return json(await createShareLink(db, actor, audit, parseId(params.id, "Report"), input), { status: 201 });
});

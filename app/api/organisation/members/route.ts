import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { listMembers } from "@/lib/organisation/list-members";

export const runtime = "nodejs";

export const GET = withAuth({ permission: "org:read-members" }, async (_request, { db, actor }) => json(await listMembers(db, actor)));

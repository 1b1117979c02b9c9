import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { supportStats } from "@/lib/support/support-stats";

export const runtime = "nodejs";

export const GET = withAuth({ permission: "support:view-stats" }, async (_request, { db, actor }) => json(await supportStats(db, actor)));

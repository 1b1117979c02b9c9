import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { listOwnSessions } from "@/lib/sessions/list-own-sessions";

export const runtime = "nodejs";

export const GET = withAuth({ permission: "account:manage-own" }, async (_request, { db, actor }) => json({ sessions: await listOwnSessions(db, actor) }));

import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const runtime = "nodejs";

export const GET = withAuth({ permission: "account:manage-own" }, async (_request, { db, actor }) => json({ notifications: await listNotifications(db, actor) }));

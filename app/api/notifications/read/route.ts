import { withAuth } from "@/lib/auth/with-auth";
import { markNotificationsRead } from "@/lib/notifications/list-notifications";

export const runtime = "nodejs";

export const POST = withAuth({ permission: "account:manage-own" }, async (_request, { db, actor }) => {
  await markNotificationsRead(db, actor);
  return new Response(null, { status: 204 });
});

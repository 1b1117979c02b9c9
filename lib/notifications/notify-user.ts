import type { DbExecutor } from "@/db/client";
import { notifications } from "@/db/schema";
import { logger } from "@/lib/logger";
import { channels } from "@/lib/realtime/channel-policy";
import { getPusher } from "@/lib/realtime/pusher-server";

/** An in-app notification, pushed live to the user's private channel. Titles carry no personal data. */
export async function notifyUser(db: DbExecutor, userId: string, notification: { kind: string; title: string; link?: string }): Promise<void> {
  const [row] = await db
    .insert(notifications)
    .values({ userId, ...notification })
    .returning({ id: notifications.id, createdAt: notifications.createdAt });
  const pusher = getPusher();
  if (!row || !pusher) return;
  await pusher
    .trigger(channels.user(userId), "notification", { id: row.id, ...notification, createdAt: row.createdAt.toISOString() })
    .catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : "unknown" }, "live notification not delivered"));
}

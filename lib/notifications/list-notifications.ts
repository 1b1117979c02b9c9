import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notifications } from "@/db/schema";
import { ForbiddenError } from "@/lib/api/errors";
import { can, type Actor } from "@/lib/auth/permissions";

export async function listNotifications(db: Database, actor: Actor) {
  if (!can(actor, "account:manage-own")) throw new ForbiddenError();
  return db
    .select({ id: notifications.id, kind: notifications.kind, title: notifications.title, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(eq(notifications.userId, actor.userId))
    .orderBy(desc(notifications.createdAt))
    .limit(50);
}

/** Marks the caller's unread notifications read; someone else's are never touched. */
export async function markNotificationsRead(db: Database, actor: Actor): Promise<void> {
  if (!can(actor, "account:manage-own")) throw new ForbiddenError();
  await db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
}

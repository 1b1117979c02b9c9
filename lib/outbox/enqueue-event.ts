import type { DbExecutor } from "@/db/client";
import { outbox } from "@/db/schema";
import type { AppEventData, AppEventName } from "@/inngest/events";

/**
 * Written inside the caller's transaction: the event exists if and only if the change committed.
 * Returns the event's id, so the caller can hand exactly its own events to Inngest after the commit.
 */
export async function enqueueEvent<Name extends AppEventName>(tx: DbExecutor, name: Name, data: AppEventData[Name]): Promise<string> {
  const [row] = await tx.insert(outbox).values({ name, data: { ...data } }).returning({ eventId: outbox.eventId });
  if (!row) throw new Error("outbox event not stored");
  return row.eventId;
}

import type { DbExecutor } from "@/db/client";
import { outbox } from "@/db/schema";
import type { AppEventData, AppEventName } from "@/inngest/events";

/** Written inside the caller's transaction: the event exists if and only if the change committed. */
export async function enqueueEvent<Name extends AppEventName>(tx: DbExecutor, name: Name, data: AppEventData[Name]): Promise<void> {
  await tx.insert(outbox).values({ name, data: { ...data } });
}

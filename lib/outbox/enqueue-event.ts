import type { DbExecutor } from "@/db/client";
import { outbox } from "@/db/schema";
import type { AppEventName, EnquiryRef } from "@/inngest/events";

/** Written inside the caller's transaction: the event exists if and only if the change committed. */
export async function enqueueEvent(tx: DbExecutor, name: AppEventName, data: EnquiryRef): Promise<void> {
  await tx.insert(outbox).values({ name, data });
}

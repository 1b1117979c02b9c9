import type { Database } from "@/db/client";
import { dispatchOutbox } from "@/lib/outbox/dispatch-outbox";
import { notifyEnquiryEnded } from "./notify-enquiry-ended";
import { publishStatus } from "./publish-status";
import { recordStatus } from "./record-status";
import type { FailureReason } from "./failure-reasons";

/**
 * Ends the enquiry as failed with a reason the requester can act on, and tells the requester (in-app
 * and by email). A no-op, notifying nobody, if it already ended.
 */
export async function failEnquiry(db: Database, enquiryId: string, reason: FailureReason): Promise<void> {
  const moved = await db.transaction((tx) => recordStatus(tx, enquiryId, "failed", { message: reason.message, failureCode: reason.code }));
  if (!moved) return;
  // The cron sends it later if this hand-off fails.
  await dispatchOutbox(db).catch(() => undefined);
  await publishStatus(moved, "failed", reason.message);
  await notifyEnquiryEnded(db, enquiryId, "failed");
}

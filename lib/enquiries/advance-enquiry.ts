import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { consents, enquiries, TERMINAL_STATUSES, type EnquiryStatus } from "@/db/schema";
import { dispatchOutbox } from "@/lib/outbox/dispatch-outbox";
import { enqueueEvent } from "@/lib/outbox/enqueue-event";
import { FAILURE_REASONS } from "./failure-reasons";
import { failEnquiry } from "./fail-enquiry";
import { notifyEnquiryEnded } from "./notify-enquiry-ended";
import { publishStatus } from "./publish-status";
import { recordStatus, STATUS_MESSAGES } from "./record-status";

export async function enquiryStatus(db: Database, enquiryId: string): Promise<EnquiryStatus | undefined> {
  const [row] = await db.select({ status: enquiries.status }).from(enquiries).where(eq(enquiries.id, enquiryId));
  return row?.status;
}

async function move(db: Database, enquiryId: string, status: EnquiryStatus): Promise<boolean> {
  const moved = await db.transaction((tx) => recordStatus(tx, enquiryId, status));
  if (!moved) return false;
  await publishStatus(moved, status, STATUS_MESSAGES[status]);
  if (TERMINAL_STATUSES.includes(status)) await dispatchOutbox(db).catch(() => undefined);
  return true;
}

/**
 * Before TPN is called: the latest consent record must be a grant (a withdrawal stops the check).
 * Returns whether to go on; a finished enquiry (e.g. withdrawn meanwhile) is left as it is.
 */
export async function beginFetch(db: Database, enquiryId: string): Promise<boolean> {
  const [latest] = await db
    .select({ kind: consents.kind })
    .from(consents)
    .where(eq(consents.enquiryId, enquiryId))
    .orderBy(desc(consents.createdAt))
    .limit(1);
  if (latest?.kind !== "granted") {
    await failEnquiry(db, enquiryId, FAILURE_REASONS.CONSENT_WITHDRAWN);
    return false;
  }
  const status = await enquiryStatus(db, enquiryId);
  if (status === "fetching") return true; // a retried run picks up where it was
  return move(db, enquiryId, "fetching");
}

/** The TPN record is stored: announce it to the scoring step (the report issue's workflow). */
export async function handOverToScoring(db: Database, enquiryId: string, organisationId: string): Promise<void> {
  const moved = await db.transaction(async (tx) => {
    const changed = await recordStatus(tx, enquiryId, "scoring");
    if (changed) await enqueueEvent(tx, "enquiry/bureau-data-stored", { enquiryId, organisationId });
    return changed;
  });
  if (!moved) return;
  await dispatchOutbox(db); // a failed send stays in the outbox for the cron
  await publishStatus(moved, "scoring", STATUS_MESSAGES.scoring);
}

/** Consent never came: the enquiry expires and the requester is told (once, where the status moved). */
export async function expireEnquiry(db: Database, enquiryId: string): Promise<void> {
  const [row] = await db.select({ status: enquiries.status }).from(enquiries).where(and(eq(enquiries.id, enquiryId), eq(enquiries.status, "awaiting_consent")));
  if (row && (await move(db, enquiryId, "expired"))) await notifyEnquiryEnded(db, enquiryId, "expired");
}

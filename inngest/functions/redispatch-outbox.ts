import { and, inArray, lt } from "drizzle-orm";
import { cron } from "inngest";
import { getDb } from "@/db";
import { enquiries } from "@/db/schema";
import { expireEnquiry } from "@/lib/enquiries/advance-enquiry";
import { drainOutbox } from "@/lib/outbox/dispatch-outbox";
import { inngest } from "../client";

/**
 * The safety net behind the outbox: every minute, send events whose first hand-off failed, and expire
 * consent requests whose deadline passed (in case their workflow was lost). Enquiries stuck in
 * "queued" for 15 minutes get their submission event again, and ones stalled in fetching, scoring or
 * rendering for 2 hours get their stage's event again; TPN's idempotency key makes that safe.
 */
/** Far longer than any healthy stage takes, retries and TPN outage pauses included. */
const STALLED_AFTER_MS = 2 * 60 * 60_000;

export const redispatchOutbox = inngest.createFunction(
  { id: "redispatch-outbox", retries: 1, triggers: [cron("* * * * *")] },
  async ({ step }) => {
    // After a burst the requests' own hand-offs may have fallen behind: send everything, not one batch.
    const sent = await step.run("dispatch-pending", async () => drainOutbox(await getDb(), { olderThanMs: 30_000, budgetMs: 20_000 }));
    const expired = await step.run("expire-overdue-consent", async () => {
      const db = await getDb();
      const overdue = await db
        .select({ id: enquiries.id })
        .from(enquiries)
        .where(and(inArray(enquiries.status, ["awaiting_consent"]), lt(enquiries.consentDeadline, new Date())));
      for (const enquiry of overdue) await expireEnquiry(db, enquiry.id);
      return overdue.length;
    });
    const resubmitted = await step.run("resubmit-stuck", async () => {
      const db = await getDb();
      const stuck = await db
        .select({ id: enquiries.id, organisationId: enquiries.organisationId })
        .from(enquiries)
        .where(and(inArray(enquiries.status, ["queued"]), lt(enquiries.updatedAt, new Date(Date.now() - 15 * 60_000))))
        .limit(100);
      if (stuck.length > 0) {
        await inngest.send(stuck.map((enquiry) => ({ name: "enquiry/submitted", data: { enquiryId: enquiry.id, organisationId: enquiry.organisationId } })));
      }
      return stuck.length;
    });
    // A run lost half-way (an app or executor crash outside Inngest's own retries) leaves the enquiry
    // in a working status for good: start its stage again. Every stage is idempotent: a stored TPN
    // record is never fetched twice (and TPN's Idempotency-Key stops a second bill), and scoring and
    // rendering overwrite their own output.
    const restarted = await step.run("restart-stalled", async () => {
      const db = await getDb();
      const stalled = await db
        .select({ id: enquiries.id, organisationId: enquiries.organisationId, status: enquiries.status })
        .from(enquiries)
        .where(and(inArray(enquiries.status, ["fetching", "scoring", "rendering"]), lt(enquiries.updatedAt, new Date(Date.now() - STALLED_AFTER_MS))))
        .limit(100);
      if (stalled.length > 0) {
        await inngest.send(
          stalled.map((enquiry) => ({
            name: enquiry.status === "fetching" ? ("enquiry/submitted" as const) : ("enquiry/bureau-data-stored" as const),
            data: { enquiryId: enquiry.id, organisationId: enquiry.organisationId },
          })),
        );
      }
      return stalled.length;
    });
    return { sent, expired, resubmitted, restarted };
  },
);

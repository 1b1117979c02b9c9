import { NonRetriableError } from "inngest";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { beginFetch, enquiryStatus, expireEnquiry, handOverToScoring } from "@/lib/enquiries/advance-enquiry";
import { failEnquiry } from "@/lib/enquiries/fail-enquiry";
import { FAILURE_REASONS, permanentFailureReason } from "@/lib/enquiries/failure-reasons";
import { fetchBureauRecord } from "@/lib/enquiries/fetch-bureau-record";
import { getTpnClient } from "@/lib/tpn/get-client";
import { TpnRateLimitedError, TpnUnavailableError } from "@/lib/tpn/errors";
import { inngest } from "../client";
import { consentGranted, enquiryRef, enquirySubmitted } from "../events";

/** With a 30 s cool-down, 120 pauses let an enquiry ride out about an hour of TPN outage (or of 429s). */
const MAX_OUTAGE_PAUSES = 120;

/**
 * From submission to the hand-over to scoring: wait for consent when it was requested from the
 * applicant (up to 7 days), then fetch the TPN record within TPN's quota. Transient TPN failures are
 * retried with backoff (Retry-After honoured); anything retrying cannot fix fails the enquiry at once
 * with its reason; exhausted retries fail it in onFailure. Every enquiry ends somewhere definite.
 */
export const processEnquiry = inngest.createFunction(
  {
    id: "process-enquiry",
    retries: 6,
    triggers: [enquirySubmitted],
    // TPN's quota is global; a per-organisation cap keeps one busy agency from starving the rest.
    throttle: { limit: env.TPN_RATE_LIMIT_PER_SECOND, period: "1s" },
    concurrency: [{ limit: 20 }, { key: "event.data.organisationId", limit: 5 }],
    onFailure: async ({ event }) => {
      // The failure event wraps the original one; its payload is untyped, so read it through the schema.
      const { enquiryId } = enquiryRef.parse(event.data.event.data);
      await failEnquiry(await getDb(), enquiryId, FAILURE_REASONS.TPN_UNAVAILABLE);
    },
  },
  async ({ event, step }) => {
    const { enquiryId, organisationId } = event.data;

    const initial = await step.run("read-status", async () => enquiryStatus(await getDb(), enquiryId));
    if (initial === "awaiting_consent") {
      const granted = await step.waitForEvent("wait-for-consent", {
        event: consentGranted,
        timeout: "7d",
        if: "async.data.enquiryId == event.data.enquiryId",
      });
      if (!granted) {
        await step.run("expire", async () => expireEnquiry(await getDb(), enquiryId));
        return { outcome: "expired" };
      }
    }

    const proceed = await step.run("begin-fetch", async () => beginFetch(await getDb(), enquiryId));
    if (!proceed) return { outcome: "stopped" };

    // While TPN is known to be down (circuit open) or over its quota (429), the enquiry waits without
    // spending its retries.
    for (let pause = 0; pause <= MAX_OUTAGE_PAUSES; pause += 1) {
      const attempt = await step.run(`fetch-tpn-record-${pause}`, async () => {
        const db = await getDb();
        try {
          return { kind: "stored" as const, ...(await fetchBureauRecord(db, getTpnClient(), enquiryId)) };
        } catch (error) {
          if (error instanceof TpnUnavailableError) return { kind: "paused" as const, retryAfterMs: error.retryAfterMs };
          // A 429 is TPN saying "later", not a failure: wait as asked (plus jitter, so the queue does not
          // come back in lock-step) without spending one of the step's attempts.
          if (error instanceof TpnRateLimitedError) return { kind: "paused" as const, retryAfterMs: error.retryAfterSeconds * 1000 + Math.round(Math.random() * 1_000) };
          const reason = permanentFailureReason(error);
          if (reason) {
            await failEnquiry(db, enquiryId, reason);
            throw new NonRetriableError(reason.code, { cause: error });
          }
          throw error;
        }
      });
      if (attempt.kind === "stored") {
        await step.run("hand-over-to-scoring", async () => handOverToScoring(await getDb(), enquiryId, organisationId));
        return { outcome: "bureau-data-stored", found: attempt.found };
      }
      await step.sleep(`wait-for-tpn-${pause}`, Math.max(1_000, attempt.retryAfterMs));
    }
    await step.run("give-up", async () => failEnquiry(await getDb(), enquiryId, FAILURE_REASONS.TPN_UNAVAILABLE));
    return { outcome: "tpn-unavailable" };
  },
);

import { getDb } from "@/db";
import { failEnquiry } from "@/lib/enquiries/fail-enquiry";
import { completeReport } from "@/lib/reports/complete-report";
import { renderStoredReport } from "@/lib/reports/render-stored-report";
import { scoreEnquiry } from "@/lib/reports/score-enquiry";
import { inngest } from "../client";
import { bureauDataStored, enquiryRef } from "../events";

/**
 * From the stored TPN record to a ready report: score it, render and store the PDF, then tell the
 * requester. Each step is idempotent; if all retries fail the enquiry ends failed with a reason.
 */
export const buildReport = inngest.createFunction(
  {
    id: "build-report",
    retries: 4,
    triggers: [bureauDataStored],
    concurrency: [{ limit: 10 }],
    onFailure: async ({ event }) => {
      const { enquiryId } = enquiryRef.parse(event.data.event.data);
      await failEnquiry(await getDb(), enquiryId, {
        code: "REPORT_FAILED",
        message: "The TPN record arrived but the report could not be prepared. Our team has been alerted; contact support with the enquiry reference.",
      });
    },
  },
  async ({ event, step }) => {
    const { enquiryId } = event.data;
    await step.run("score", async () => scoreEnquiry(await getDb(), enquiryId));
    const pdf = await step.run("render-pdf", async () => renderStoredReport(await getDb(), enquiryId));
    await step.run("notify", async () => completeReport(await getDb(), enquiryId));
    return { outcome: "ready", pdfBytes: pdf.bytes };
  },
);

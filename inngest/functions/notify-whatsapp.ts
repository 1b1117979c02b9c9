import { getDb } from "@/db";
import { notifyFinishedEnquiry } from "@/lib/whatsapp/notify-finished-enquiry";
import { inngest } from "../client";
import { enquiryFinished } from "../events";

/** Tells the requester on WhatsApp that their check ended, with the summary and PDF when it is ready. */
export const notifyWhatsApp = inngest.createFunction(
  { id: "notify-whatsapp", retries: 4, triggers: [enquiryFinished], throttle: { limit: 60, period: "1s" } },
  async ({ event, step }) => {
    const outcome = await step.run("notify", async () => notifyFinishedEnquiry(await getDb(), event.data.enquiryId));
    return { outcome };
  },
);

import { getDb } from "@/db";
import { deliverSupportReply } from "@/lib/support/deliver-whatsapp-reply";
import { inngest } from "../client";
import { supportReplyCreated } from "../events";

/** An agent's answer to a requester on WhatsApp; in order per conversation. */
export const deliverSupportReplyFunction = inngest.createFunction(
  { id: "deliver-support-reply", retries: 4, triggers: [supportReplyCreated], concurrency: { limit: 1, key: "event.data.conversationId" }, throttle: { limit: 20, period: "1s" } },
  async ({ event, step }) => {
    const outcome = await step.run("deliver", async () => deliverSupportReply(await getDb(), event.data.messageId));
    return { outcome };
  },
);

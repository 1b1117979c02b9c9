import { getDb } from "@/db";
import { handleInboundMessage } from "@/lib/whatsapp/handle-inbound";
import { inngest } from "../client";
import { whatsappMessageReceived } from "../events";

/** Answers an inbound WhatsApp message; one at a time per number, so a conversation stays in order. */
export const handleWhatsAppMessage = inngest.createFunction(
  {
    id: "handle-whatsapp-message",
    retries: 3,
    triggers: [whatsappMessageReceived],
    concurrency: [{ limit: 1, key: "event.data.contactId" }],
    // The business number's share of Meta's throughput (80 messages/s by default): each answer is one
    // or two messages, so starting at most 40 a second keeps the bot under it and away from 130429.
    throttle: { limit: 40, period: "1s" },
  },
  async ({ event, step }) => {
    const outcome = await step.run("handle", async () => handleInboundMessage(await getDb(), event.data.messageId));
    return { outcome };
  },
);

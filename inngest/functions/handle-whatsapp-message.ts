import { getDb } from "@/db";
import { handleInboundMessage } from "@/lib/whatsapp/handle-inbound";
import { inngest } from "../client";
import { whatsappMessageReceived } from "../events";

const RETRIES = 3;

/** Answers an inbound WhatsApp message; one at a time per number, so a conversation stays in order. */
export const handleWhatsAppMessage = inngest.createFunction(
  {
    id: "handle-whatsapp-message",
    retries: RETRIES,
    triggers: [whatsappMessageReceived],
    concurrency: [{ limit: 1, key: "event.data.contactId" }],
    // The business number's share of Meta's throughput (80 messages/s by default): each answer is one
    // or two messages, so starting at most 40 a second keeps the bot under it and away from 130429.
    throttle: { limit: 40, period: "1s" },
  },
  async ({ event, step, attempt, maxAttempts }) => {
    // On the last attempt a file that cannot be fetched from Meta is answered ("send it again")
    // instead of thrown, so the person always hears back.
    const finalAttempt = attempt + 1 >= Math.min(maxAttempts ?? RETRIES + 1, RETRIES + 1);
    const outcome = await step.run("handle", async () => handleInboundMessage(await getDb(), event.data.messageId, { finalAttempt }));
    return { outcome };
  },
);

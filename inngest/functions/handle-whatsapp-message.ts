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
  },
  async ({ event, step }) => {
    const outcome = await step.run("handle", async () => handleInboundMessage(await getDb(), event.data.messageId));
    return { outcome };
  },
);

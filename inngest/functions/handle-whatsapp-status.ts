import { getDb } from "@/db";
import { handleStatus } from "@/lib/whatsapp/handle-status";
import { inngest } from "../client";
import { whatsappStatusReceived } from "../events";

/** Applies a delivery status to the outbound message it is about (sent, delivered, read, failed). */
export const handleWhatsAppStatus = inngest.createFunction(
  { id: "handle-whatsapp-status", retries: 3, triggers: [whatsappStatusReceived], concurrency: [{ limit: 1, key: "event.data.wamid" }] },
  async ({ event, step }) => {
    const outcome = await step.run("apply", async () => handleStatus(await getDb(), event.data.wamid));
    return { outcome };
  },
);

import { logger } from "@/lib/logger";
import { channels } from "@/lib/realtime/channel-policy";
import { getPusher } from "@/lib/realtime/pusher-server";
import type { EnquiryStatus } from "@/db/schema";

/**
 * Tells the organisation's open pages that an enquiry moved. Ids and status only: the page fetches
 * details through the authorised API. A Pusher hiccup never fails the workflow; pages also poll.
 */
export async function publishStatus(organisationId: string, enquiryId: string, status: EnquiryStatus, message: string): Promise<void> {
  const pusher = getPusher();
  if (!pusher) return;
  try {
    await pusher.trigger(channels.organisation(organisationId), "enquiry.status", { enquiryId, status, message, at: new Date().toISOString() });
  } catch (error) {
    logger.warn({ enquiryId, err: error instanceof Error ? error.message : "unknown" }, "live status update not delivered");
  }
}

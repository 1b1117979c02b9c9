import { logger } from "@/lib/logger";
import { channels } from "@/lib/realtime/channel-policy";
import { getPusher } from "@/lib/realtime/pusher-server";
import type { EnquiryStatus } from "@/db/schema";

/** What a status event needs to know of its enquiry: which one, whose organisation, who requested it. */
export interface EnquiryAudience {
  id: string;
  organisationId: string;
  requestedBy: string;
}

/**
 * Where an enquiry's status events go: exactly the people who may read it (`canAccess`): its requester,
 * on their own channel, and the organisation's Property Managers, on the managers channel. A Landlord's
 * colleagues hear nothing of it.
 */
export function statusChannels(enquiry: Pick<EnquiryAudience, "organisationId" | "requestedBy">): string[] {
  return [channels.user(enquiry.requestedBy), channels.organisationManagers(enquiry.organisationId)];
}

/**
 * Tells the open pages of those who may read the enquiry that it moved, in one trigger to both
 * channels. Ids and status only: the page fetches details through the authorised API. A Pusher hiccup
 * never fails the workflow; pages also poll. A manager who requested the enquiry gets it twice (once
 * per channel); the pages' handlers are idempotent.
 */
export async function publishStatus(enquiry: EnquiryAudience, status: EnquiryStatus, message: string): Promise<void> {
  const pusher = getPusher();
  if (!pusher) return;
  try {
    await pusher.trigger(statusChannels(enquiry), "enquiry.status", { enquiryId: enquiry.id, status, message, at: new Date().toISOString() });
  } catch (error) {
    logger.warn({ enquiryId: enquiry.id, err: error instanceof Error ? error.message : "unknown" }, "live status update not delivered");
  }
}

"use client";

import { useCallback, useRef } from "react";
import { useChannelEvent, type ChannelConfig, type LiveState } from "./use-channel-event";

/**
 * Computed on the server (components/enquiries/realtime.ts) from the public Pusher settings and the
 * signed-in actor's role: `private-user-<userId>`, plus `private-org-<organisationId>-managers` for a
 * Property Manager — the channels on which they hear status events for enquiries they may read.
 */
export type EnquiryStatusChannels = ChannelConfig;

/** What lib/enquiries/publish-status.ts sends: ids and status only, never personal data. */
export interface EnquiryStatusEvent {
  enquiryId: string;
  status: string;
  message: string;
  at: string;
}

/** How many recent events are remembered to drop the second copy of one sent to two channels. */
const REMEMBERED_EVENTS = 200;

function isStatusEvent(value: unknown): value is EnquiryStatusEvent {
  if (typeof value !== "object" || value === null) return false;
  const event = value as Record<string, unknown>;
  return typeof event.enquiryId === "string" && typeof event.status === "string" && typeof event.message === "string" && typeof event.at === "string";
}

/**
 * Calls `onStatus` once for every `enquiry.status` event: a manager's own enquiry is announced on both
 * their user channel and the managers channel, and the second copy (same enquiry, status and time) is
 * dropped. Returns the connection state so callers can poll faster while live updates are not flowing.
 */
export function useEnquiryStatusChannels(config: EnquiryStatusChannels | null, onStatus: (event: EnquiryStatusEvent) => void): LiveState {
  const seen = useRef(new Set<string>());
  const deliver = useCallback(
    (data: unknown) => {
      if (!isStatusEvent(data)) return;
      const id = `${data.enquiryId}|${data.status}|${data.at}`;
      if (seen.current.has(id)) return;
      seen.current.add(id);
      const oldest = seen.current.values().next().value;
      if (seen.current.size > REMEMBERED_EVENTS && oldest !== undefined) seen.current.delete(oldest);
      onStatus(data);
    },
    [onStatus],
  );
  return useChannelEvent(config, "enquiry.status", deliver);
}

"use client";

import type { Channel, Options } from "pusher-js";
import { useEffect, useRef, useState } from "react";
import type { LiveState } from "./use-channel-event";

/**
 * Computed on the server (components/enquiries/realtime.ts) from the public Pusher settings and the
 * signed-in actor's role: the channels on which they hear status events for enquiries they may read.
 */
export interface EnquiryStatusChannels {
  key: string;
  options: Options;
  /** `private-user-<userId>`, plus `private-org-<organisationId>-managers` for a Property Manager. */
  channels: string[];
}

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
 * Follows the given channels on one connection and calls `onStatus` once for every `enquiry.status`
 * event: a manager's own enquiry is announced on both their user channel and the managers channel,
 * and the second copy (same enquiry, status and time) is dropped. pusher-js is loaded only in the
 * browser and only when configured. Returns the connection state ("live" once every channel is
 * subscribed) so callers can poll faster while live updates are not flowing.
 */
export function useEnquiryStatusChannels(config: EnquiryStatusChannels | null, onStatus: (event: EnquiryStatusEvent) => void): LiveState {
  const [state, setState] = useState<LiveState>(config ? "connecting" : "off");
  const callback = useRef(onStatus);
  useEffect(() => {
    callback.current = onStatus;
  }, [onStatus]);

  const key = config?.key;
  const channelsJson = config && config.channels.length > 0 ? JSON.stringify(config.channels) : undefined;
  const optionsJson = config ? JSON.stringify(config.options) : undefined;

  useEffect(() => {
    if (!key || !channelsJson || !optionsJson) return;
    const names = JSON.parse(channelsJson) as string[];
    let cancelled = false;
    let disconnect: (() => void) | undefined;
    import("pusher-js")
      .then(({ default: Pusher }) => {
        if (cancelled) return;
        const pusher = new Pusher(key, JSON.parse(optionsJson) as Options);
        const seen = new Set<string>();
        const deliver = (data: unknown) => {
          if (!isStatusEvent(data)) return;
          const id = `${data.enquiryId}|${data.status}|${data.at}`;
          if (seen.has(id)) return;
          seen.add(id);
          const oldest = seen.values().next().value;
          if (seen.size > REMEMBERED_EVENTS && oldest !== undefined) seen.delete(oldest);
          callback.current(data);
        };
        const subscribed: Channel[] = names.map((name) => pusher.subscribe(name));
        const allSubscribed = () => subscribed.every((channel) => channel.subscribed);
        for (const channel of subscribed) {
          channel.bind("pusher:subscription_succeeded", () => {
            if (allSubscribed()) setState("live");
          });
          channel.bind("pusher:subscription_error", () => setState("unavailable"));
          channel.bind("enquiry.status", deliver);
        }
        pusher.connection.bind("state_change", ({ current }: { current: string }) => {
          if (current === "connected") {
            if (allSubscribed()) setState("live");
          } else if (current === "connecting") setState((previous) => (previous === "live" ? "connecting" : previous));
          else setState("unavailable");
        });
        disconnect = () => {
          for (const channel of subscribed) {
            channel.unbind_all();
            pusher.unsubscribe(channel.name);
          }
          pusher.disconnect();
        };
      })
      .catch(() => {
        if (!cancelled) setState("unavailable");
      });
    return () => {
      cancelled = true;
      disconnect?.();
    };
  }, [key, channelsJson, optionsJson]);

  return state;
}

"use client";

import type { Options } from "pusher-js";
import { useEffect, useRef, useState } from "react";

/** Computed on the server (components/enquiries/realtime.ts) from the public Pusher settings. */
export interface OrganisationChannelConfig {
  key: string;
  options: Options;
  /** `private-org-<organisationId>`; the app's channel auth route decides whether we may join. */
  channel: string;
}

/** What lib/enquiries/publish-status.ts sends: ids and status only, never personal data. */
export interface EnquiryStatusEvent {
  enquiryId: string;
  status: string;
  message: string;
  at: string;
}

/** off: not configured; connecting; live: subscribed; unavailable: refused or disconnected (poll instead). */
export type LiveState = "off" | "connecting" | "live" | "unavailable";

function isStatusEvent(value: unknown): value is EnquiryStatusEvent {
  if (typeof value !== "object" || value === null) return false;
  const event = value as Record<string, unknown>;
  return typeof event.enquiryId === "string" && typeof event.status === "string" && typeof event.message === "string" && typeof event.at === "string";
}

/**
 * Follows the organisation channel and calls `onStatus` for every `enquiry.status` event. pusher-js is
 * loaded only in the browser and only when configured. Returns the connection state so callers can
 * poll faster while live updates are not flowing.
 */
export function useOrganisationChannel(config: OrganisationChannelConfig | null, onStatus: (event: EnquiryStatusEvent) => void): LiveState {
  const [state, setState] = useState<LiveState>(config ? "connecting" : "off");
  const callback = useRef(onStatus);
  useEffect(() => {
    callback.current = onStatus;
  }, [onStatus]);

  const key = config?.key;
  const channelName = config?.channel;
  const optionsJson = config ? JSON.stringify(config.options) : undefined;

  useEffect(() => {
    if (!key || !channelName || !optionsJson) return;
    let cancelled = false;
    let disconnect: (() => void) | undefined;
    import("pusher-js")
      .then(({ default: Pusher }) => {
        if (cancelled) return;
        const pusher = new Pusher(key, JSON.parse(optionsJson) as Options);
        const channel = pusher.subscribe(channelName);
        channel.bind("pusher:subscription_succeeded", () => setState("live"));
        channel.bind("pusher:subscription_error", () => setState("unavailable"));
        channel.bind("enquiry.status", (data: unknown) => {
          if (isStatusEvent(data)) callback.current(data);
        });
        pusher.connection.bind("state_change", ({ current }: { current: string }) => {
          if (current === "connected") {
            if (channel.subscribed) setState("live");
          } else if (current === "connecting") setState((previous) => (previous === "live" ? "connecting" : previous));
          else setState("unavailable");
        });
        disconnect = () => {
          channel.unbind_all();
          pusher.unsubscribe(channelName);
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
  }, [key, channelName, optionsJson]);

  return state;
}

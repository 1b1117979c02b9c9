"use client";

import type { Options } from "pusher-js";
import { useEffect, useRef, useState } from "react";

/** Computed on the server (components/enquiries/realtime.ts) from the public Pusher settings. */
export interface ChannelConfig {
  key: string;
  options: Options;
  /** One private channel; the app's channel auth route decides whether we may join. */
  channel: string;
}

/** off: not configured; connecting; live: subscribed; unavailable: refused or disconnected (poll instead). */
export type LiveState = "off" | "connecting" | "live" | "unavailable";

/**
 * Follows one private channel and calls `onEvent` with every payload of `eventName`. pusher-js is
 * loaded only in the browser and only when configured. Returns the connection state so callers can
 * poll instead while live updates are not flowing (the same states as useEnquiryStatusChannels).
 */
export function useChannelEvent(config: ChannelConfig | null, eventName: string, onEvent: (data: unknown) => void): LiveState {
  const [state, setState] = useState<LiveState>(config ? "connecting" : "off");
  const callback = useRef(onEvent);
  useEffect(() => {
    callback.current = onEvent;
  }, [onEvent]);

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
        channel.bind(eventName, (data: unknown) => callback.current(data));
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
  }, [key, channelName, optionsJson, eventName]);

  return state;
}

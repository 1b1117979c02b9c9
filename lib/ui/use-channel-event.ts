"use client";

import type { Channel, Options } from "pusher-js";
import { useEffect, useRef, useState } from "react";

/** Computed on the server (components/enquiries/realtime.ts) from the public Pusher settings. */
export interface ChannelConfig {
  key: string;
  options: Options;
  /** Private channels, followed on one connection; the app's channel auth route decides whether we may join each. */
  channels: string[];
}

/** off: not configured; connecting; live: subscribed; unavailable: refused or disconnected (poll instead). */
export type LiveState = "off" | "connecting" | "live" | "unavailable";

/**
 * Follows the config's private channels and calls `onEvent` with every payload of `eventName` on any
 * of them. pusher-js is loaded only in the browser and only when configured. Returns the connection
 * state ("live" once every channel is subscribed) so callers can poll while live updates are not flowing.
 */
export function useChannelEvent(config: ChannelConfig | null, eventName: string, onEvent: (data: unknown) => void): LiveState {
  const [state, setState] = useState<LiveState>(config ? "connecting" : "off");
  const callback = useRef(onEvent);
  useEffect(() => {
    callback.current = onEvent;
  }, [onEvent]);

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
        const subscribed: Channel[] = names.map((name) => pusher.subscribe(name));
        const allSubscribed = () => subscribed.every((channel) => channel.subscribed);
        for (const channel of subscribed) {
          channel.bind("pusher:subscription_succeeded", () => {
            if (allSubscribed()) setState("live");
          });
          channel.bind("pusher:subscription_error", () => setState("unavailable"));
          channel.bind(eventName, (data: unknown) => callback.current(data));
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
  }, [key, channelsJson, optionsJson, eventName]);

  return state;
}

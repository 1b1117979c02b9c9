"use client";

import type { Channel, Options } from "pusher-js";
import { useCallback, useEffect, useRef, useState } from "react";
import type { LiveState } from "@/lib/ui/use-channel-event";
import { acquirePusher } from "./pusher-connection";

/** Computed on the server (./realtime.ts): the public key and client options; null: not configured. */
export interface SupportRealtime {
  key: string;
  options: Options;
}

export type ChannelHandlers = Partial<Record<string, (data: unknown) => void>>;

/**
 * Follows one support channel (private or presence) and calls the handler named after each event,
 * pusher's own `pusher:*` events included; "*" catches the app's events without a handler of their
 * own. `trigger` sends a client event (e.g. typing) once subscribed and answers whether it went out.
 * A null connection or channel name leaves the state "off".
 */
export function useSupportChannel(connection: SupportRealtime | null, channelName: string | null, handlers: ChannelHandlers) {
  const [state, setState] = useState<{ channel: string | null; live: LiveState }>({ channel: null, live: "off" });
  const saved = useRef(handlers);
  useEffect(() => {
    saved.current = handlers;
  }, [handlers]);
  const channelRef = useRef<Channel | null>(null);

  const key = connection?.key;
  const optionsJson = connection ? JSON.stringify(connection.options) : undefined;

  useEffect(() => {
    if (!key || !optionsJson || !channelName) return;
    let cancelled = false;
    let cleanup: (() => void) | undefined;
    const set = (live: LiveState | ((previous: LiveState) => LiveState)) =>
      setState((previous) => {
        const before = previous.channel === channelName ? previous.live : "connecting";
        return { channel: channelName, live: typeof live === "function" ? live(before) : live };
      });
    acquirePusher(key, JSON.parse(optionsJson) as Options)
      .then(({ pusher, release }) => {
        if (cancelled) {
          release();
          return;
        }
        const channel = pusher.subscribe(channelName);
        channelRef.current = channel;
        if (channel.subscribed) set("live");
        const onEvent = (event: string, data: unknown) => {
          if (event === "pusher:subscription_succeeded") set("live");
          else if (event === "pusher:subscription_error") set("unavailable");
          const handler = saved.current[event] ?? (event.startsWith("pusher:") || event.startsWith("pusher_internal:") ? undefined : saved.current["*"]);
          handler?.(data);
        };
        channel.bind_global(onEvent);
        const onState = ({ current }: { current: string }) => {
          if (current === "connected") {
            if (channel.subscribed) set("live");
          } else if (current === "connecting") set((previous) => (previous === "live" ? "connecting" : previous));
          else set("unavailable");
        };
        pusher.connection.bind("state_change", onState);
        cleanup = () => {
          channel.unbind_global(onEvent);
          pusher.connection.unbind("state_change", onState);
          pusher.unsubscribe(channelName);
          if (channelRef.current === channel) channelRef.current = null;
          release();
        };
      })
      .catch(() => {
        if (!cancelled) set("unavailable");
      });
    return () => {
      cancelled = true;
      cleanup?.();
    };
  }, [key, optionsJson, channelName]);

  const trigger = useCallback((event: string, data: unknown): boolean => {
    const channel = channelRef.current;
    if (!channel?.subscribed) return false;
    return channel.trigger(event, data);
  }, []);

  const live: LiveState = !key || !channelName ? "off" : state.channel === channelName ? state.live : "connecting";
  return { live, trigger };
}

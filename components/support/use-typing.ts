"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { SUPPORT_EVENTS, type TypingEvent } from "@/lib/support/dto";

/** Send at most one typing event per 2 s; hide the other side's indicator 4 s after their last one. */
const SEND_EVERY_MS = 2_000;
const HIDE_AFTER_MS = 4_000;

export function isTypingEvent(value: unknown): value is TypingEvent {
  if (typeof value !== "object" || value === null) return false;
  const event = value as Record<string, unknown>;
  return (event.side === "requester" || event.side === "agent") && typeof event.name === "string";
}

/**
 * Typing both ways over the conversation channel's client event. `typed()` is called on every
 * keystroke (throttled here); `received` goes into the channel's handlers; `typing` is the name of
 * whoever on the other side is typing, or null.
 */
export function useTyping(side: TypingEvent["side"], name: string, trigger: (event: string, data: unknown) => boolean, resetKey: string | null) {
  const [typing, setTyping] = useState<{ key: string | null; name: string } | null>(null);
  const lastSent = useRef(0);
  const hideTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(hideTimer.current), []);

  const typed = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current < SEND_EVERY_MS) return;
    const event: TypingEvent = { side, name };
    if (trigger(SUPPORT_EVENTS.typing, event)) lastSent.current = now;
  }, [side, name, trigger]);

  const received = useCallback(
    (data: unknown) => {
      if (!isTypingEvent(data) || data.side === side) return;
      setTyping({ key: resetKey, name: data.name });
      clearTimeout(hideTimer.current);
      hideTimer.current = setTimeout(() => setTyping(null), HIDE_AFTER_MS);
    },
    [side, resetKey],
  );

  /** A message from the other side arrived: they have stopped typing. */
  const stopped = useCallback(() => {
    clearTimeout(hideTimer.current);
    setTyping(null);
  }, []);

  return { typing: typing && typing.key === resetKey ? typing.name : null, typed, received, stopped };
}

"use client";

import { useEffect, useRef } from "react";

/** Calls `callback` every `ms` while `ms` is a number; null pauses. Skips ticks while the tab is hidden. */
export function useInterval(callback: () => void, ms: number | null): void {
  const saved = useRef(callback);
  useEffect(() => {
    saved.current = callback;
  }, [callback]);

  useEffect(() => {
    if (ms === null) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== "hidden") saved.current();
    }, ms);
    return () => clearInterval(timer);
  }, [ms]);
}

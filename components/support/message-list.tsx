"use client";

import { useEffect, useRef, type ReactNode } from "react";
import type { MessageDto } from "@/lib/support/dto";
import { cn } from "@/lib/ui/cn";
import { MessageBubble } from "./message-bubble";

/**
 * The thread, oldest first, in a scrolling log that screen readers announce politely. It follows the
 * newest message while the reader is at the bottom and leaves them alone while they scroll back.
 */
export function MessageList({
  messages,
  viewer,
  showChannel = false,
  empty,
  className,
  label = "Messages",
}: {
  messages: MessageDto[];
  viewer: "requester" | "agent";
  showChannel?: boolean;
  empty?: ReactNode;
  className?: string;
  label?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const lastId = messages.at(-1)?.id;
  const isEmpty = messages.length === 0;

  useEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [lastId, messages.length]);

  // Screenshots load after the first render and make the thread taller: stay pinned to the bottom.
  useEffect(() => {
    const element = scroller.current;
    const inner = content.current;
    if (!element || !inner || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, [isEmpty]);

  return (
    <div
      ref={scroller}
      role="log"
      aria-live="polite"
      aria-label={label}
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
      }}
      className={cn("min-h-0 flex-1 overflow-y-auto overscroll-contain px-3 py-3 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-ring", className)}
    >
      {messages.length === 0 ? (
        empty
      ) : (
        <ol ref={content} className="flex flex-col gap-2">
          {messages.map((message) => (
            <MessageBubble key={message.id} message={message} viewer={viewer} showChannel={showChannel} />
          ))}
        </ol>
      )}
    </div>
  );
}

/** "Support is typing…" under the thread; always in the DOM so screen readers hear it appear. */
export function TypingIndicator({ text, testId, className }: { text: string | null; testId: string; className?: string }) {
  return (
    <div className={cn("h-6 px-3", className)}>
      <p role="status" data-testid={testId} data-visible={text ? "true" : "false"} className={cn("text-xs italic text-muted-foreground", text ? "" : "invisible")}>
        {text ? (
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden className="inline-flex gap-0.5">
              <span className="size-1 animate-bounce rounded-full bg-muted-foreground [animation-delay:-0.2s]" />
              <span className="size-1 animate-bounce rounded-full bg-muted-foreground [animation-delay:-0.1s]" />
              <span className="size-1 animate-bounce rounded-full bg-muted-foreground" />
            </span>
            {text}
          </span>
        ) : null}
      </p>
    </div>
  );
}

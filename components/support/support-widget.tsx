"use client";

import { FileText, Headset, MessageCircle, X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/ui/cn";
import { Composer } from "./composer";
import { MessageList, TypingIndicator } from "./message-list";
import { RatingPrompt } from "./rating-prompt";
import { ShareReportPicker } from "./share-report-picker";
import { useWidgetConversation } from "./use-widget-conversation";
import type { SupportRealtime } from "./use-support-channel";
import { DismissibleError } from "./dismissible-error";

const STATUS_TEXT = { open: "We usually reply within 15 minutes.", pending: "Waiting for your reply.", resolved: "This conversation is resolved." } as const;

/**
 * The chat launcher on every customer page (bottom right) and its panel: the conversation with
 * support, live both ways, with attachments, shared reports and a rating once resolved. Full screen
 * on a phone, a floating panel from `sm` up.
 */
export function SupportWidget({ realtime, name, canShareReports }: { realtime: SupportRealtime | null; name: string; canShareReports: boolean }) {
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<"thread" | "share">("thread");
  const [draft, setDraft] = useState("");
  const chat = useWidgetConversation({ realtime, name, open });
  const panelId = useId();
  const launcher = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLTextAreaElement>("textarea")?.focus();
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        launcher.current?.focus();
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open]);

  const { conversation, active } = chat;
  const unread = open ? 0 : chat.unread;
  const resolved = conversation?.status === "resolved";

  return (
    <>
      {/* Room under the page's last content so the launcher never covers it. */}
      <div aria-hidden className="h-16 shrink-0" />
      <button
        ref={launcher}
        type="button"
        data-testid="support-launcher"
        data-unread={unread}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Support chat, ${unread} unread` : open ? "Close support chat" : "Open support chat"}
        onClick={() => setOpen((value) => !value)}
        className={cn(
          "fixed bottom-[max(1rem,env(safe-area-inset-bottom))] right-4 z-40 flex size-14 items-center justify-center rounded-full bg-primary text-primary-foreground shadow-lg transition-transform hover:scale-105 focus-visible:outline-none focus-visible:ring-4 focus-visible:ring-ring/60 sm:bottom-6 sm:right-6",
          open ? "max-sm:hidden" : "",
        )}
      >
        {open ? <X aria-hidden className="size-6" /> : <MessageCircle aria-hidden className="size-6" />}
        {unread > 0 ? (
          <span aria-hidden className="absolute -right-0.5 -top-0.5 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-700 px-1 text-[11px] font-bold leading-none text-white ring-2 ring-background">
            {unread > 9 ? "9+" : unread}
          </span>
        ) : null}
      </button>

      {open ? (
        <div
          ref={panel}
          id={panelId}
          role="dialog"
          aria-label="Support chat"
          data-testid="support-panel"
          className="fixed inset-0 z-50 flex flex-col bg-background shadow-2xl sm:inset-auto sm:bottom-24 sm:right-6 sm:h-[min(640px,calc(100dvh-8rem))] sm:w-[400px] sm:rounded-xl sm:border sm:border-border"
        >
          <header className="flex items-center gap-3 border-b border-border bg-primary px-4 py-3 text-primary-foreground sm:rounded-t-xl">
            <Headset aria-hidden className="size-6 shrink-0" />
            <div className="min-w-0 flex-1">
              <h2 className="text-base font-semibold leading-tight">TenantLens support</h2>
              <p className="line-clamp-2 text-xs text-primary-foreground/85">
                {conversation
                  ? conversation.assignee && conversation.status === "open"
                    ? `${conversation.assignee.name} is helping you.`
                    : STATUS_TEXT[conversation.status]
                  : "Ask us anything about TenantLens."}
              </p>
            </div>
            {canShareReports && active ? (
              <button
                type="button"
                onClick={() => setView((value) => (value === "share" ? "thread" : "share"))}
                aria-pressed={view === "share"}
                className="rounded-md p-2 hover:bg-white/15 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white"
                title="Share a report with support"
              >
                <FileText aria-hidden className="size-5" />
                <span className="sr-only">Share a report with support</span>
              </button>
            ) : null}
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                launcher.current?.focus();
              }}
              className="rounded-md p-2 hover:bg-white/15 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white"
            >
              <X aria-hidden className="size-5" />
              <span className="sr-only">Close support chat</span>
            </button>
          </header>

          {view === "share" && active ? (
            <ShareReportPicker conversationId={active.id} shared={chat.sharedReports} onChanged={chat.refreshShared} onBack={() => setView("thread")} />
          ) : (
            <>
              {chat.sharedReports.length > 0 && active ? (
                <p className="border-b border-border bg-muted/60 px-4 py-1.5 text-xs text-muted-foreground" data-testid="support-shared-reports">
                  Shared with support: {chat.sharedReports.map((report) => report.reference ?? "a report").join(", ")}
                </p>
              ) : null}
              {!chat.loaded && !chat.error ? (
                <p className="flex flex-1 items-center justify-center gap-2 text-sm text-muted-foreground">
                  <Spinner /> Loading…
                </p>
              ) : (
                <MessageList
                  messages={chat.messages}
                  viewer="requester"
                  label="Conversation with support"
                  className="bg-muted/30"
                  empty={
                    <div className="flex h-full flex-col items-center justify-center gap-2 px-6 text-center">
                      <MessageCircle aria-hidden className="size-10 text-primary" />
                      <p className="text-base font-semibold">Start a conversation</p>
                      <p className="text-sm text-muted-foreground">Tell us what you need help with. You can attach a screenshot, and share a report once we are talking.</p>
                    </div>
                  }
                />
              )}
              <TypingIndicator text={chat.typing ? "Support is typing…" : null} testId="support-typing" className="bg-muted/30" />
              <div className="border-t border-border px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-2">
                <DismissibleError message={chat.error} onDismiss={chat.dismissError} />
                {resolved && conversation ? (
                  <div className="mb-2 flex flex-col gap-2">
                    <RatingPrompt key={conversation.id} rating={conversation.rating} onRate={chat.rate} />
                    <p className="text-xs text-muted-foreground">Need more help? Write below to start a new conversation.</p>
                  </div>
                ) : null}
                <Composer
                  value={draft}
                  onChange={setDraft}
                  onSend={chat.send}
                  onTyping={active ? chat.typed : undefined}
                  label={active ? "Message to support" : "Start a conversation with support"}
                  placeholder={active ? "Write a message…" : "How can we help?"}
                  inputTestId="support-message-input"
                  sendTestId="support-send"
                />
              </div>
            </>
          )}
        </div>
      ) : null}
    </>
  );
}

"use client";

import { Bell } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { callApi, type ApiResult } from "@/components/forms/api";
import { formatDateTime } from "@/components/format";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/ui/cn";
import { useChannelEvent, type ChannelConfig } from "@/lib/ui/use-channel-event";
import { useInterval } from "@/lib/ui/use-interval";
import { Disclosure } from "./app-nav";

interface Notification {
  id: string;
  kind: string;
  title: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

/** Without live updates the bell asks every 30 s. */
const POLL_MS = 30_000;

function fetchNotifications() {
  return callApi<{ notifications: Notification[] }>("/api/notifications", { method: "GET" });
}

/** Only links inside the app are followed (a path, never another site). */
function safeLink(link: string | null | undefined): string | null {
  return typeof link === "string" && link.startsWith("/") && !link.startsWith("//") ? link : null;
}

function fromEvent(data: unknown): Notification | null {
  if (typeof data !== "object" || data === null) return null;
  const event = data as Record<string, unknown>;
  if (typeof event.id !== "string" || typeof event.title !== "string" || typeof event.createdAt !== "string") return null;
  return {
    id: event.id,
    kind: typeof event.kind === "string" ? event.kind : "",
    title: event.title,
    link: typeof event.link === "string" ? event.link : null,
    readAt: null,
    createdAt: event.createdAt,
  };
}

/**
 * The signed-in user's notifications (e.g. "The report for … is ready"): an unread count on a bell,
 * a short list with links, and "Mark all read". New ones arrive live on the user's own channel; without
 * it the list is fetched every 30 s.
 */
export function NotificationsBell({ realtime, className }: { realtime: ChannelConfig | null; className?: string }) {
  const [items, setItems] = useState<Notification[] | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [marking, setMarking] = useState(false);

  const apply = useCallback((result: ApiResult<{ notifications: Notification[] }>) => {
    if (result.ok) {
      setItems(result.data.notifications);
      setError(undefined);
    } else setError(result.error.message);
  }, []);
  const load = useCallback(() => fetchNotifications().then(apply), [apply]);

  useEffect(() => {
    let current = true;
    void fetchNotifications().then((result) => {
      if (current) apply(result);
    });
    return () => {
      current = false;
    };
  }, [apply]);

  const live = useChannelEvent(
    realtime,
    "notification",
    useCallback((data: unknown) => {
      const notification = fromEvent(data);
      if (!notification) return;
      setItems((current) => (current?.some((item) => item.id === notification.id) ? current : [notification, ...(current ?? [])]));
    }, []),
  );
  useInterval(() => void load(), live === "live" ? null : POLL_MS);

  const unread = items?.filter((item) => item.readAt === null).length ?? 0;

  async function markAllRead() {
    setMarking(true);
    const result = await callApi("/api/notifications/read", { method: "POST" });
    setMarking(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const now = new Date().toISOString();
    setItems((current) => current?.map((item) => (item.readAt ? item : { ...item, readAt: now })) ?? current);
  }

  return (
    <Disclosure
      className={cn("sm:relative", className)}
      summaryLabel={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
      summary={
        <span className="relative inline-flex" data-testid="notifications-bell" data-unread={unread}>
          <Bell aria-hidden className="size-5" />
          {unread > 0 ? (
            <span
              aria-hidden
              className="absolute -right-2 -top-1.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-red-700 px-1 text-[10px] font-bold leading-none text-white"
            >
              {unread > 9 ? "9+" : unread}
            </span>
          ) : null}
        </span>
      }
      panelClassName="absolute inset-x-2 top-full z-50 mt-1 rounded-lg border border-border bg-card shadow-lg sm:inset-x-auto sm:right-0 sm:mt-2 sm:w-96"
    >
      <div className="flex items-center justify-between gap-2 border-b border-border px-3 py-2">
        <p className="text-sm font-semibold">Notifications</p>
        <button
          type="button"
          onClick={() => void markAllRead()}
          disabled={unread === 0 || marking}
          className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium text-primary hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:text-muted-foreground disabled:opacity-60"
        >
          {marking ? <Spinner className="size-3" /> : null}
          Mark all read
        </button>
      </div>
      {error ? (
        <p role="alert" className="px-3 py-2 text-xs text-red-800">
          {error}
        </p>
      ) : null}
      {items === null ? (
        <p className="flex items-center gap-2 px-3 py-4 text-sm text-muted-foreground">
          <Spinner /> Loading…
        </p>
      ) : items.length === 0 ? (
        <p className="px-3 py-4 text-sm text-muted-foreground">Nothing yet. You will be told here when a report is ready.</p>
      ) : (
        <ul className="max-h-[60vh] overflow-y-auto py-1" aria-label="Notifications">
          {items.slice(0, 20).map((item) => {
            const href = safeLink(item.link);
            const body = (
              <>
                <span className="flex items-start gap-2">
                  <span aria-hidden className={cn("mt-1.5 size-2 shrink-0 rounded-full", item.readAt ? "bg-transparent" : "bg-primary")} />
                  <span className="min-w-0 flex-1">
                    <span className={cn("block break-words text-sm", item.readAt ? "text-muted-foreground" : "font-medium text-foreground")}>
                      {item.title}
                      {item.readAt ? null : <span className="sr-only"> (unread)</span>}
                    </span>
                    <span className="block text-xs text-muted-foreground">{formatDateTime(item.createdAt)}</span>
                  </span>
                </span>
              </>
            );
            return (
              <li key={item.id} data-notification={item.kind}>
                {href ? (
                  <Link href={href} className="block px-3 py-2 hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-ring">
                    {body}
                  </Link>
                ) : (
                  <div className="px-3 py-2">{body}</div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Disclosure>
  );
}

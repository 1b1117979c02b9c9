"use client";

import { Inbox } from "lucide-react";
import { Spinner } from "@/components/ui/spinner";
import type { ConversationDto } from "@/lib/support/dto";
import { cn } from "@/lib/ui/cn";
import { ChannelMarker } from "./channel-marker";
import { formatChatTime } from "./format";
import { SlaTimer } from "./sla-timer";
import { SupportStatusBadge } from "./status-badge";

/** The conversations, newest activity first: who, a preview, status, assignee, unread count and SLA. */
export function InboxList({
  conversations,
  selectedId,
  onSelect,
  now,
  meId,
  error,
}: {
  conversations: ConversationDto[] | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  now: number | null;
  meId: string;
  error?: string;
}) {
  if (error) {
    return (
      <p role="alert" className="m-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
        {error}
      </p>
    );
  }
  if (conversations === null) {
    return (
      <p className="flex items-center gap-2 p-4 text-sm text-muted-foreground">
        <Spinner /> Loading conversations…
      </p>
    );
  }
  if (conversations.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 p-8 text-center text-sm text-muted-foreground">
        <Inbox aria-hidden className="size-8 text-primary" />
        No conversations match.
      </div>
    );
  }
  return (
    <ul aria-label="Conversations" className="divide-y divide-border">
      {conversations.map((conversation) => {
        const selected = conversation.id === selectedId;
        // The one on screen is being read: its count is stale until the read marker round-trips.
        const unread = selected ? 0 : conversation.unreadCount;
        return (
          <li key={conversation.id}>
            <button
              type="button"
              onClick={() => onSelect(conversation.id)}
              aria-current={selected ? "true" : undefined}
              data-testid="inbox-conversation"
              data-id={conversation.id}
              data-status={conversation.status}
              data-unread={unread}
              className={cn(
                "flex w-full flex-col gap-1 px-3 py-3 text-left hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-ring",
                selected ? "bg-primary/10 hover:bg-primary/10" : "",
              )}
            >
              <span className="flex items-center gap-2">
                <span className={cn("min-w-0 flex-1 truncate text-sm", unread > 0 ? "font-bold" : "font-semibold")}>{conversation.requester.name}</span>
                <time dateTime={conversation.lastMessageAt} className="shrink-0 text-xs text-muted-foreground">
                  {formatChatTime(conversation.lastMessageAt)}
                </time>
              </span>
              <span className="truncate text-xs text-muted-foreground">{conversation.requester.organisationName}</span>
              <span className={cn("line-clamp-2 break-words text-sm", unread > 0 ? "text-foreground" : "text-muted-foreground")}>
                {conversation.lastMessagePreview ?? <em>No messages yet</em>}
              </span>
              <span className="flex flex-wrap items-center gap-1.5 text-xs">
                <SupportStatusBadge status={conversation.status} />
                <ChannelMarker channel={conversation.channel} />
                <span className="text-muted-foreground">
                  {conversation.assignee ? (conversation.assignee.id === meId ? "· You" : `· ${conversation.assignee.name}`) : "· Unassigned"}
                </span>
                <SlaTimer conversation={conversation} now={now} />
                {unread > 0 ? (
                  <span className="ml-auto flex h-5 min-w-5 items-center justify-center rounded-full bg-primary px-1.5 text-[11px] font-bold text-primary-foreground" data-testid="inbox-unread">
                    {unread}
                    <span className="sr-only"> unread</span>
                  </span>
                ) : null}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

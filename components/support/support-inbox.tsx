"use client";

import { MessagesSquare } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ApiResult } from "@/components/forms/api";
import { channels } from "@/lib/realtime/channel-policy";
import type { CannedReplyDto, ConversationDto, SupportStatsDto } from "@/lib/support/dto";
import { cn } from "@/lib/ui/cn";
import { useInterval } from "@/lib/ui/use-interval";
import * as api from "./api";
import { AgentsOnline } from "./agents-online";
import { InboxConversation } from "./inbox-conversation";
import { InboxFilters, type InboxFilterState } from "./inbox-filters";
import { InboxList } from "./inbox-list";
import { StatsBar } from "./stats-bar";
import { useAgentsPresence } from "./use-agents-presence";
import { useNow } from "./use-now";
import { useSupportChannel, type SupportRealtime } from "./use-support-channel";

const POLL_MS = 10_000;
const STATS_MS = 60_000;
const SEARCH_DEBOUNCE_MS = 300;

type ListResult = ApiResult<{ conversations: ConversationDto[] }>;

function toQuery(filter: InboxFilterState): api.ConversationFilter {
  return { scope: filter.scope, status: filter.status || undefined, channel: filter.channel || undefined, q: filter.q };
}

/**
 * The agents' inbox: filters and the conversation list on the left, the open conversation on the
 * right (one at a time on a phone). Live on the support inbox channel, polling without it; agents
 * online from the presence channel; figures at the top for admins.
 */
export function SupportInbox({ me, isAdmin, realtime, initialConversationId }: { me: { id: string; name: string }; isAdmin: boolean; realtime: SupportRealtime | null; initialConversationId: string | null }) {
  const [filter, setFilter] = useState<InboxFilterState>({ scope: "all", status: "unresolved", channel: "", q: "" });
  const [query, setQuery] = useState(filter);
  const [list, setList] = useState<{ key: string; conversations: ConversationDto[] } | null>(null);
  const [listError, setListError] = useState<string | undefined>();
  const [selectedId, setSelectedId] = useState<string | null>(initialConversationId);
  const [cannedReplies, setCannedReplies] = useState<CannedReplyDto[] | null>(null);
  const [stats, setStats] = useState<{ data: SupportStatsDto | null; error?: string }>({ data: null });
  const now = useNow(5_000);
  const queryKey = JSON.stringify(toQuery(query));

  // Typing in the search box waits a moment; the other filters apply at once.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(filter), filter.q === query.q ? 0 : SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [filter, query.q]);

  const apply = useCallback((key: string, result: ListResult) => {
    if (result.ok) {
      setList({ key, conversations: result.data.conversations });
      setListError(undefined);
    } else setListError(result.error.message);
  }, []);

  const queryRef = useRef(query);
  useEffect(() => {
    queryRef.current = query;
  }, [query]);
  const refresh = useCallback(() => {
    const current = queryRef.current;
    const key = JSON.stringify(toQuery(current));
    void api.listConversations(toQuery(current)).then((result) => {
      if (JSON.stringify(toQuery(queryRef.current)) === key) apply(key, result);
    });
  }, [apply]);

  useEffect(() => {
    let current = true;
    const parsed = JSON.parse(queryKey) as api.ConversationFilter;
    void api.listConversations(parsed).then((result) => {
      if (current) apply(queryKey, result);
    });
    return () => {
      current = false;
    };
  }, [queryKey, apply]);

  const loadStats = useCallback(() => {
    if (!isAdmin) return;
    void api.getStats().then((result) => setStats(result.ok ? { data: result.data } : { data: null, error: result.error.message }));
  }, [isAdmin]);

  useEffect(() => {
    let current = true;
    void api.listCannedReplies().then((result) => {
      if (current) setCannedReplies(result.ok ? result.data.cannedReplies : []);
    });
    if (isAdmin) {
      void api.getStats().then((result) => {
        if (current) setStats(result.ok ? { data: result.data } : { data: null, error: result.error.message });
      });
    }
    return () => {
      current = false;
    };
  }, [isAdmin]);

  // Any conversation changed: refresh the list (a burst of events becomes one request).
  const burst = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(burst.current), []);
  // The open conversation hears the inbox too: internal notes are published on the inbox channel only.
  const listeners = useRef(new Set<(conversationId: string) => void>());
  const subscribeInbox = useCallback((listener: (conversationId: string) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const onInboxEvent = useCallback((data: unknown) => {
    const conversationId = typeof data === "object" && data !== null ? (data as { conversationId?: unknown }).conversationId : undefined;
    if (typeof conversationId === "string") for (const listener of listeners.current) listener(conversationId);
    clearTimeout(burst.current);
    burst.current = setTimeout(() => {
      refresh();
      loadStats();
    }, 250);
  }, [refresh, loadStats]);
  const inboxHandlers = useMemo(() => ({ "*": onInboxEvent }), [onInboxEvent]);
  const { live } = useSupportChannel(realtime, channels.supportInbox, inboxHandlers);
  useInterval(refresh, live === "live" ? null : POLL_MS);
  useInterval(loadStats, isAdmin ? STATS_MS : null);

  const presence = useAgentsPresence(realtime);

  const select = useCallback((id: string | null) => {
    setSelectedId(id);
    const url = new URL(window.location.href);
    if (id) url.searchParams.set("c", id);
    else url.searchParams.delete("c");
    window.history.replaceState(window.history.state, "", url);
  }, []);

  const conversations = list?.conversations ?? null;
  const stale = list !== null && list.key !== queryKey;

  return (
    <div className="flex flex-col gap-4">
      {isAdmin ? <StatsBar stats={stats.data} error={stats.error} /> : null}
      <AgentsOnline agents={presence.agents} live={presence.live} />
      <div className="grid min-h-[32rem] overflow-hidden rounded-lg border border-border bg-card shadow-sm lg:h-[calc(100dvh-14rem)] lg:grid-cols-[22rem_1fr]">
        <section aria-label="Conversation list" className={cn("flex min-h-0 flex-col border-border lg:border-r", selectedId ? "max-lg:hidden" : "")}>
          <div className="border-b border-border p-3">
            <InboxFilters value={filter} onChange={setFilter} />
            <p className="mt-2 text-xs text-muted-foreground" aria-live="polite">
              {live === "live" ? "Live" : live === "connecting" ? "Connecting…" : "Refreshing every 10 seconds"}
              {conversations ? ` · ${conversations.length} conversation${conversations.length === 1 ? "" : "s"}` : ""}
            </p>
          </div>
          <div className={cn("min-h-0 flex-1 overflow-y-auto", stale ? "opacity-60" : "")} aria-busy={stale}>
            <InboxList conversations={conversations} selectedId={selectedId} onSelect={select} now={now} meId={me.id} error={listError} />
          </div>
        </section>
        <section aria-label="Conversation" className={cn("flex min-h-[32rem] min-w-0 flex-col lg:min-h-0", selectedId ? "" : "max-lg:hidden")}>
          {selectedId ? (
            <InboxConversation
              key={selectedId}
              id={selectedId}
              me={me}
              agents={presence.agents}
              realtime={realtime}
              cannedReplies={cannedReplies}
              now={now}
              onChanged={refresh}
              subscribeInbox={subscribeInbox}
              onBack={() => select(null)}
            />
          ) : (
            <div className="flex flex-1 flex-col items-center justify-center gap-2 p-8 text-center text-sm text-muted-foreground">
              <MessagesSquare aria-hidden className="size-10 text-primary" />
              Choose a conversation to read and reply.
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

"use client";

import type { ApiResult } from "@/components/forms/api";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { channels } from "@/lib/realtime/channel-policy";
import { SUPPORT_EVENTS, type ConversationDto, type MessageDto, type SharedReportDto } from "@/lib/support/dto";
import { useInterval } from "@/lib/ui/use-interval";
import * as api from "./api";
import { mergeMessages } from "./merge-messages";
import { useSupportChannel, type SupportRealtime } from "./use-support-channel";
import { useTyping } from "./use-typing";

/** Without live updates: every 10 s while the panel is open, every 30 s for the unread badge. */
const POLL_OPEN_MS = 10_000;
const POLL_CLOSED_MS = 30_000;

/** The conversation the widget shows: the unresolved one, else the latest (resolved, for history and rating). */
function pickCurrent(conversations: ConversationDto[]): ConversationDto | null {
  return conversations.find((conversation) => conversation.status !== "resolved") ?? conversations[0] ?? null;
}

/**
 * Everything the customer's chat panel needs: the current conversation, its thread and shared
 * reports, live events on the conversation channel (polling without them), sending, attaching,
 * rating and read markers.
 */
export function useWidgetConversation({ realtime, name, open }: { realtime: SupportRealtime | null; name: string; open: boolean }) {
  const [conversation, setConversation] = useState<ConversationDto | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [messages, setMessages] = useState<MessageDto[]>([]);
  const [sharedReports, setSharedReports] = useState<SharedReportDto[]>([]);
  const [error, setError] = useState<string | undefined>();
  const conversationId = conversation?.id ?? null;
  const idRef = useRef<string | null>(null);
  useEffect(() => {
    idRef.current = conversationId;
  }, [conversationId]);

  const applyList = useCallback((result: ApiResult<{ conversations: ConversationDto[] }>) => {
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setLoaded(true);
    setError(undefined);
    // A conversation started in this tab stays on screen even if the list was read just before it.
    const current = pickCurrent(result.data.conversations);
    setConversation((previous) => {
      const stale = previous && previous.status !== "resolved" && previous.id !== current?.id && (!current || current.status === "resolved");
      return stale ? previous : (current ?? previous);
    });
  }, []);
  const loadList = useCallback(() => api.listConversations().then(applyList), [applyList]);

  const loadMessages = useCallback(async (id: string) => {
    const result = await api.listMessages(id);
    if (result.ok && idRef.current === id) setMessages((current) => mergeMessages(current.filter((message) => message.conversationId === id), result.data.messages));
  }, []);

  const loadConversation = useCallback(async (id: string) => {
    const result = await api.getConversation(id);
    if (result.ok && idRef.current === id) {
      setConversation(result.data.conversation);
      setSharedReports(result.data.sharedReports);
    }
  }, []);

  // The list on mount (badge and current conversation), and again whenever the panel opens.
  useEffect(() => {
    let current = true;
    void api.listConversations().then((result) => {
      if (current) applyList(result);
    });
    return () => {
      current = false;
    };
  }, [open, applyList]);

  // The open conversation's thread and shared reports, whenever it changes or the panel opens.
  useEffect(() => {
    if (!conversationId || !open) return;
    void loadMessages(conversationId);
    void loadConversation(conversationId);
  }, [conversationId, open, loadMessages, loadConversation]);

  // Read markers: while the panel is open, whatever support wrote is read (the server counts unread).
  const unread = conversation?.unreadCount ?? 0;
  useEffect(() => {
    if (!open || !conversationId || unread === 0) return;
    let current = true;
    void api.markRead(conversationId).then((result) => {
      if (current && result.ok) setConversation((previous) => (previous && previous.id === conversationId ? { ...previous, unreadCount: 0 } : previous));
    });
    return () => {
      current = false;
    };
  }, [open, conversationId, unread]);

  const typingRef = useRef<{ received: (data: unknown) => void; stopped: () => void } | null>(null);
  const handlers = useMemo(
    () => ({
      [SUPPORT_EVENTS.messageCreated]: () => {
        const id = idRef.current;
        if (!id) return;
        typingRef.current?.stopped();
        void loadMessages(id);
        void loadConversation(id);
      },
      [SUPPORT_EVENTS.conversationUpdated]: () => {
        const id = idRef.current;
        if (id) void loadConversation(id);
      },
      [SUPPORT_EVENTS.conversationRead]: () => {
        const id = idRef.current;
        if (id) void loadMessages(id);
      },
      [SUPPORT_EVENTS.messageUpdated]: () => {
        const id = idRef.current;
        if (id) void loadMessages(id);
      },
      [SUPPORT_EVENTS.typing]: (data: unknown) => typingRef.current?.received(data),
    }),
    [loadMessages, loadConversation],
  );
  const { live, trigger } = useSupportChannel(realtime, conversationId ? channels.supportConversation(conversationId) : null, handlers);
  const typing = useTyping("requester", name, trigger, conversationId);
  useEffect(() => {
    typingRef.current = typing;
  }, [typing]);

  useInterval(
    () => {
      void loadList();
      const id = idRef.current;
      if (id && open) {
        void loadMessages(id);
        void loadConversation(id);
      }
    },
    live === "live" ? null : open ? POLL_OPEN_MS : POLL_CLOSED_MS,
  );

  const active = conversation && conversation.status !== "resolved" ? conversation : null;

  /** Sends text (and a file): continues the open conversation or starts one. */
  const send = useCallback(
    async (text: string, file: File | null): Promise<boolean> => {
      setError(undefined);
      let target = active;
      let textSent = false;
      if (!target) {
        const started = await api.startConversation(text || (file ? `Sent a file: ${file.name}` : ""));
        if (!started.ok) {
          setError(started.error.message);
          return false;
        }
        target = started.data.conversation;
        idRef.current = target.id;
        setConversation(target);
        setSharedReports([]);
        setMessages((current) => mergeMessages(current.filter((message) => message.conversationId === started.data.id), [started.data.message]));
        textSent = true;
        void loadMessages(target.id);
      }
      if (file) {
        const uploaded = await api.uploadAttachment(target.id, file, textSent ? undefined : text);
        if (!uploaded.ok) {
          setError(uploaded.error.message);
          return textSent;
        }
        setMessages((current) => mergeMessages(current, [uploaded.data.message]));
        return true;
      }
      if (textSent) return true;
      const sent = await api.sendMessage(target.id, text);
      if (!sent.ok) {
        setError(sent.error.message);
        return false;
      }
      setMessages((current) => mergeMessages(current, [sent.data.message]));
      return true;
    },
    [active, loadMessages],
  );

  const rate = useCallback(async (rating: number) => {
    const id = idRef.current;
    if (!id) return false;
    const result = await api.rateConversation(id, rating);
    if (!result.ok) {
      setError(result.error.message);
      return false;
    }
    setConversation(result.data.conversation);
    return true;
  }, []);

  const refreshShared = useCallback(() => {
    const id = idRef.current;
    if (id) void loadConversation(id);
  }, [loadConversation]);

  return {
    loaded,
    conversation,
    active,
    messages: conversation ? messages.filter((message) => message.conversationId === conversation.id) : [],
    sharedReports,
    error,
    dismissError: () => setError(undefined),
    unread,
    live,
    typing: typing.typing,
    typed: typing.typed,
    send,
    rate,
    refreshShared,
  };
}

"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { channels } from "@/lib/realtime/channel-policy";
import { SUPPORT_EVENTS, type ConversationDto, type MessageDto, type SharedReportDto } from "@/lib/support/dto";
import type { SupportStatus } from "@/db/schema";
import { useInterval } from "@/lib/ui/use-interval";
import * as api from "./api";
import { mergeMessages } from "./merge-messages";
import { useSupportChannel, type SupportRealtime } from "./use-support-channel";
import { useTyping } from "./use-typing";

const POLL_MS = 10_000;

interface Loaded {
  id: string;
  conversation: ConversationDto;
  sharedReports: SharedReportDto[];
}

/**
 * One conversation in the agent's inbox: details, the whole thread (internal notes included), live
 * events on its channel (polling without them), replies, notes, files, assignment, status and reads.
 * `onChanged` tells the inbox to refresh its list after a change made here.
 */
export function useInboxConversation({
  id,
  realtime,
  name,
  onChanged,
  subscribeInbox,
}: {
  id: string;
  realtime: SupportRealtime | null;
  name: string;
  onChanged: () => void;
  /** Events of the staff inbox channel (internal notes arrive only there). */
  subscribeInbox: (listener: (conversationId: string) => void) => () => void;
}) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [messages, setMessages] = useState<{ id: string; list: MessageDto[] } | null>(null);
  const [error, setError] = useState<string | undefined>();
  const idRef = useRef(id);
  useEffect(() => {
    idRef.current = id;
  }, [id]);

  const loadConversation = useCallback(async (target: string) => {
    const result = await api.getConversation(target);
    if (idRef.current !== target) return;
    if (result.ok) setLoaded({ id: target, conversation: result.data.conversation, sharedReports: result.data.sharedReports });
    else setError(result.error.message);
  }, []);
  const loadMessages = useCallback(async (target: string) => {
    const result = await api.listMessages(target);
    if (idRef.current !== target) return;
    if (result.ok) setMessages((current) => ({ id: target, list: mergeMessages(current?.id === target ? current.list : [], result.data.messages) }));
    else setError(result.error.message);
  }, []);

  useEffect(() => {
    let current = true;
    void Promise.all([api.getConversation(id), api.listMessages(id)]).then(([conversation, thread]) => {
      if (!current) return;
      if (conversation.ok) setLoaded({ id, conversation: conversation.data.conversation, sharedReports: conversation.data.sharedReports });
      if (thread.ok) setMessages({ id, list: thread.data.messages });
      const failed = !conversation.ok ? conversation.error : !thread.ok ? thread.error : undefined;
      setError(failed?.message);
    });
    return () => {
      current = false;
    };
  }, [id]);

  const conversation = loaded?.id === id ? loaded.conversation : null;
  const thread = useMemo(() => (messages?.id === id ? messages.list : null), [messages, id]);

  // Whatever the customer wrote is read once it is on an agent's screen (the server counts unread).
  const unread = conversation?.unreadCount ?? 0;
  const conversationId = conversation?.id;
  useEffect(() => {
    if (!conversationId || unread === 0) return;
    let current = true;
    const target = conversationId;
    void api.markRead(target).then((result) => {
      if (!current || !result.ok) return;
      setLoaded((previous) => (previous && previous.id === target ? { ...previous, conversation: { ...previous.conversation, unreadCount: 0 } } : previous));
      onChanged();
    });
    return () => {
      current = false;
    };
  }, [conversationId, unread, onChanged]);

  const typingRef = useRef<{ received: (data: unknown) => void; stopped: () => void } | null>(null);
  const handlers = useMemo(
    () => ({
      [SUPPORT_EVENTS.messageCreated]: () => {
        typingRef.current?.stopped();
        void loadMessages(idRef.current);
        void loadConversation(idRef.current);
      },
      [SUPPORT_EVENTS.conversationUpdated]: () => void loadConversation(idRef.current),
      [SUPPORT_EVENTS.conversationRead]: () => void loadMessages(idRef.current),
      [SUPPORT_EVENTS.messageUpdated]: () => void loadMessages(idRef.current),
      [SUPPORT_EVENTS.typing]: (data: unknown) => typingRef.current?.received(data),
    }),
    [loadMessages, loadConversation],
  );
  const { live, trigger } = useSupportChannel(realtime, channels.supportConversation(id), handlers);
  const typing = useTyping("agent", name, trigger, id);
  useEffect(() => {
    typingRef.current = typing;
  }, [typing]);

  useEffect(
    () =>
      subscribeInbox((conversationId) => {
        if (conversationId !== idRef.current) return;
        void loadMessages(conversationId);
        void loadConversation(conversationId);
      }),
    [subscribeInbox, loadMessages, loadConversation],
  );

  useInterval(
    () => {
      void loadMessages(idRef.current);
      void loadConversation(idRef.current);
    },
    live === "live" ? null : POLL_MS,
  );

  const send = useCallback(
    async (text: string, file: File | null, internal: boolean): Promise<boolean> => {
      setError(undefined);
      const target = idRef.current;
      const result = file ? await api.uploadAttachment(target, file, text) : await api.sendMessage(target, text, internal);
      if (!result.ok) {
        setError(result.error.message);
        return false;
      }
      setMessages((current) => (current?.id === target ? { id: target, list: mergeMessages(current.list, [result.data.message]) } : current));
      void loadConversation(target);
      onChanged();
      return true;
    },
    [loadConversation, onChanged],
  );

  const update = useCallback(
    async (change: { status?: SupportStatus; assigneeId?: string | null }) => {
      setError(undefined);
      const target = idRef.current;
      const result = await api.updateConversation(target, change);
      if (!result.ok) {
        setError(result.error.message);
        return false;
      }
      setLoaded((previous) => (previous && previous.id === target ? { ...previous, conversation: result.data.conversation } : previous));
      onChanged();
      return true;
    },
    [onChanged],
  );

  return {
    conversation,
    sharedReports: loaded?.id === id ? loaded.sharedReports : [],
    messages: thread,
    error,
    dismissError: () => setError(undefined),
    live,
    typing: typing.typing,
    typed: typing.typed,
    send,
    update,
  };
}

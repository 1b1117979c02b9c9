"use client";

import { FileText, StickyNote } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { formatDateTime } from "@/components/format";
import { Spinner } from "@/components/ui/spinner";
import type { SupportStatus } from "@/db/schema";
import type { CannedReplyDto } from "@/lib/support/dto";
import { cn } from "@/lib/ui/cn";
import { sharedReportPage } from "./api";
import { CannedReplyPicker } from "./canned-reply-picker";
import { Composer } from "./composer";
import { ConversationHeader } from "./conversation-header";
import { MessageList, TypingIndicator } from "./message-list";
import type { OnlineAgent } from "./use-agents-presence";
import { useInboxConversation } from "./use-inbox-conversation";
import type { SupportRealtime } from "./use-support-channel";
import { DismissibleError } from "./dismissible-error";

/** The open conversation in the inbox: header, shared reports, the thread across channels and the reply box. */
export function InboxConversation({
  id,
  me,
  agents,
  realtime,
  cannedReplies,
  now,
  onChanged,
  subscribeInbox,
  onBack,
}: {
  id: string;
  me: { id: string; name: string };
  agents: OnlineAgent[];
  realtime: SupportRealtime | null;
  cannedReplies: CannedReplyDto[] | null;
  now: number | null;
  onChanged: () => void;
  subscribeInbox: (listener: (conversationId: string) => void) => () => void;
  onBack: () => void;
}) {
  const chat = useInboxConversation({ id, realtime, name: me.name, onChanged, subscribeInbox });
  const [draft, setDraft] = useState("");
  const [internal, setInternal] = useState(false);
  const [updating, setUpdating] = useState(false);
  const { conversation } = chat;

  if (!conversation || !chat.messages) {
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-2 p-8 text-sm text-muted-foreground">
        {chat.error ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-900">
            {chat.error}
          </p>
        ) : (
          <>
            <Spinner /> Loading the conversation…
          </>
        )}
      </div>
    );
  }

  function update(change: { status?: SupportStatus; assigneeId?: string | null }) {
    setUpdating(true);
    void chat.update(change).then(() => setUpdating(false));
  }

  const customerFirstName = conversation.requester.name.split(/\s+/)[0] ?? conversation.requester.name;
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="inbox-conversation-view" data-id={conversation.id} data-status={conversation.status}>
      <ConversationHeader conversation={conversation} me={me} agents={agents} now={now} busy={updating} onUpdate={update} onBack={onBack} />
      {chat.sharedReports.length > 0 ? (
        <div className="border-b border-border bg-muted/50 px-3 py-2 sm:px-4" data-testid="inbox-shared-reports">
          <p className="mb-1 text-xs font-medium text-muted-foreground">Reports shared by the customer</p>
          <ul className="flex flex-wrap gap-2">
            {chat.sharedReports.map((report) => (
              <li key={report.enquiryId}>
                <Link
                  href={sharedReportPage(conversation.id, report.enquiryId)}
                  className="inline-flex items-center gap-1.5 rounded-md border border-border bg-card px-2 py-1 text-xs font-medium text-primary hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                  title={`Shared ${formatDateTime(report.sharedAt)}`}
                >
                  <FileText aria-hidden className="size-3.5" />
                  {report.reference ?? "Report"}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <MessageList
        messages={chat.messages}
        viewer="agent"
        showChannel
        label={`Conversation with ${conversation.requester.name}`}
        className="bg-muted/30"
        empty={<p className="p-6 text-center text-sm text-muted-foreground">No messages yet.</p>}
      />
      <TypingIndicator text={chat.typing ? `${chat.typing} is typing…` : null} testId="inbox-typing" className="bg-muted/30" />
      <div className={cn("border-t px-3 pb-3 pt-2", internal ? "border-amber-300 bg-amber-50" : "border-border")}>
        <DismissibleError message={chat.error} onDismiss={chat.dismissError} />
        {internal ? (
          <p className="mb-1 flex items-center gap-1 text-xs font-semibold text-amber-900">
            <StickyNote aria-hidden className="size-3.5" /> Internal note: only staff see this
          </p>
        ) : conversation.channel === "whatsapp" ? (
          <p className="mb-1 text-xs text-muted-foreground">Your reply goes to {customerFirstName} on WhatsApp.</p>
        ) : null}
        <Composer
          value={draft}
          onChange={setDraft}
          onSend={(text, file) => chat.send(text, file, internal)}
          onTyping={internal ? undefined : chat.typed}
          label={internal ? "Internal note" : `Reply to ${conversation.requester.name}`}
          placeholder={internal ? "Write a note for the team…" : "Write a reply…"}
          inputTestId="inbox-reply-input"
          sendTestId="inbox-send"
          sendLabel={internal ? "Add note" : "Send"}
          allowAttachments={!internal}
          textareaClassName={internal ? "border-amber-300 bg-amber-50/60" : undefined}
          tools={
            <>
              <CannedReplyPicker replies={cannedReplies} onPick={(body) => setDraft((current) => (current.trim() ? `${current.trimEnd()}\n${body}` : body))} />
              <label className="inline-flex h-9 cursor-pointer items-center gap-1.5 rounded-md px-2 text-xs font-medium text-muted-foreground hover:bg-muted hover:text-foreground has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring">
                <input type="checkbox" checked={internal} onChange={(event) => setInternal(event.target.checked)} className="size-4 accent-amber-600" data-testid="inbox-internal-toggle" />
                Internal note
              </label>
            </>
          }
        />
      </div>
    </div>
  );
}

"use client";

import { MessageSquareText } from "lucide-react";
import type { CannedReplyDto } from "@/lib/support/dto";

/** "Canned reply…": choosing one puts its text into the reply box (the agent can still edit it). */
export function CannedReplyPicker({ replies, onPick, disabled }: { replies: CannedReplyDto[] | null; onPick: (body: string) => void; disabled?: boolean }) {
  return (
    <label className="relative inline-flex h-9 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-muted-foreground focus-within:ring-2 focus-within:ring-ring hover:bg-muted hover:text-foreground">
      <MessageSquareText aria-hidden className="size-4" />
      <span>Canned reply</span>
      <select
        aria-label="Insert a canned reply"
        data-testid="inbox-canned-select"
        value=""
        disabled={disabled || !replies || replies.length === 0}
        onChange={(event) => {
          const reply = replies?.find((item) => item.id === event.target.value);
          if (reply) onPick(reply.body);
        }}
        className="absolute inset-0 cursor-pointer opacity-0 disabled:cursor-not-allowed"
      >
        <option value="">{replies === null ? "Loading…" : replies.length === 0 ? "No canned replies yet" : "Choose a canned reply…"}</option>
        {replies?.map((reply) => (
          <option key={reply.id} value={reply.id}>
            {reply.title}
          </option>
        ))}
      </select>
    </label>
  );
}

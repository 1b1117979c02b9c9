import { Timer } from "lucide-react";
import type { ConversationDto } from "@/lib/support/dto";
import { cn } from "@/lib/ui/cn";
import { formatDuration } from "./format";

/** First-response target: the timer turns red after this long without an agent reply. */
export const SLA_SECONDS = 15 * 60;

/**
 * Time waiting for a first agent reply (from createdAt while firstResponseAt is null); red once past
 * 15 minutes. Nothing once someone has replied or the conversation is resolved.
 */
export function SlaTimer({ conversation, now, className }: { conversation: Pick<ConversationDto, "createdAt" | "firstResponseAt" | "status">; now: number | null; className?: string }) {
  if (conversation.firstResponseAt || conversation.status === "resolved" || now === null) return null;
  const waited = Math.max(0, (now - new Date(conversation.createdAt).getTime()) / 1000);
  const breached = waited >= SLA_SECONDS;
  return (
    <span
      data-testid="inbox-sla"
      data-breached={breached ? "true" : "false"}
      title={breached ? "First response is overdue (target 15 minutes)" : "Waiting for a first response (target 15 minutes)"}
      className={cn(
        "inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium tabular-nums",
        breached ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-900",
        className,
      )}
    >
      <Timer aria-hidden className="size-3" />
      <span className="sr-only">Waiting for first response: </span>
      {formatDuration(waited)}
    </span>
  );
}

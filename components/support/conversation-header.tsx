"use client";

import { ArrowLeft, Star, UserPlus } from "lucide-react";
import { ROLE_LABELS } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import type { SupportStatus } from "@/db/schema";
import type { ConversationDto } from "@/lib/support/dto";
import { ChannelMarker } from "./channel-marker";
import { SlaTimer } from "./sla-timer";
import type { OnlineAgent } from "./use-agents-presence";

function roleText(role: string) {
  return role in ROLE_LABELS ? ROLE_LABELS[role as keyof typeof ROLE_LABELS] : role;
}

/**
 * Who is asking (name, organisation, role, channel) and what staff can change: the assignee (online
 * agents, the current assignee and me) and the status.
 */
export function ConversationHeader({
  conversation,
  me,
  agents,
  now,
  busy,
  onUpdate,
  onBack,
}: {
  conversation: ConversationDto;
  me: { id: string; name: string };
  agents: OnlineAgent[];
  now: number | null;
  busy: boolean;
  onUpdate: (change: { status?: SupportStatus; assigneeId?: string | null }) => void;
  onBack: () => void;
}) {
  const { requester, assignee } = conversation;
  const options = new Map<string, string>([[me.id, `${me.name} (me)`]]);
  for (const agent of agents) if (!options.has(agent.id)) options.set(agent.id, agent.name);
  if (assignee && !options.has(assignee.id)) options.set(assignee.id, assignee.name);

  return (
    <div className="flex flex-col gap-3 border-b border-border p-3 sm:p-4">
      <div className="flex items-start gap-2">
        <button type="button" onClick={onBack} className="-ml-1 rounded-md p-1.5 hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring lg:hidden">
          <ArrowLeft aria-hidden className="size-5" />
          <span className="sr-only">Back to conversations</span>
        </button>
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-lg font-semibold leading-tight" data-testid="inbox-requester-name">
            {requester.name}
          </h2>
          <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm text-muted-foreground">
            <span data-testid="inbox-requester-organisation">{requester.organisationName}</span>
            <span aria-hidden>·</span>
            <span data-testid="inbox-requester-role">{roleText(requester.role)}</span>
            <span aria-hidden>·</span>
            <ChannelMarker channel={conversation.channel} className="text-xs font-medium" />
          </p>
          <p className="truncate text-xs text-muted-foreground">{requester.email}</p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1">
          <SlaTimer conversation={conversation} now={now} />
          {conversation.rating !== null ? (
            <span className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900" data-testid="inbox-rating">
              <Star aria-hidden className="size-3 fill-amber-400 text-amber-500" />
              Rated {conversation.rating}/5
            </span>
          ) : null}
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-40 flex-1 flex-col gap-1 text-xs font-medium text-muted-foreground">
          Assignee
          <Select
            value={assignee?.id ?? ""}
            disabled={busy}
            data-testid="inbox-assignee-select"
            onChange={(event) => onUpdate({ assigneeId: event.target.value || null })}
            className="h-9 sm:h-9"
          >
            <option value="">Unassigned</option>
            {[...options].map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </Select>
        </label>
        <label className="flex min-w-32 flex-1 flex-col gap-1 text-xs font-medium text-muted-foreground">
          Status
          <Select
            value={conversation.status}
            disabled={busy}
            data-testid="inbox-status-select"
            onChange={(event) => onUpdate({ status: event.target.value as SupportStatus })}
            className="h-9 sm:h-9"
          >
            <option value="open">Open</option>
            <option value="pending">Pending (waiting for the customer)</option>
            <option value="resolved">Resolved</option>
          </Select>
        </label>
        {assignee?.id !== me.id ? (
          <Button type="button" variant="outline" size="sm" disabled={busy} onClick={() => onUpdate({ assigneeId: me.id })} data-testid="inbox-assign-me">
            <UserPlus aria-hidden className="size-4" />
            Assign to me
          </Button>
        ) : null}
      </div>
    </div>
  );
}

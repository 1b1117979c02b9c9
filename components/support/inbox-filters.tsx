"use client";

import { Search } from "lucide-react";
import { Input, Select } from "@/components/ui/input";
import type { SupportChannel, SupportStatus } from "@/db/schema";
import { cn } from "@/lib/ui/cn";
import type { InboxScope } from "./api";

export interface InboxFilterState {
  scope: InboxScope;
  status: SupportStatus | "unresolved" | "";
  channel: SupportChannel | "";
  q: string;
}

const SCOPES: { value: InboxScope; label: string }[] = [
  { value: "mine", label: "Mine" },
  { value: "unassigned", label: "Unassigned" },
  { value: "all", label: "All" },
];

/** Mine / unassigned / all, status, channel and a search box above the conversation list. */
export function InboxFilters({ value, onChange }: { value: InboxFilterState; onChange: (next: InboxFilterState) => void }) {
  return (
    <div role="search" aria-label="Filter conversations" className="flex flex-col gap-2">
      <div role="group" aria-label="Whose conversations" className="grid grid-cols-3 rounded-md border border-border bg-muted p-0.5">
        {SCOPES.map((scope) => (
          <button
            key={scope.value}
            type="button"
            aria-pressed={value.scope === scope.value}
            data-testid={`inbox-scope-${scope.value}`}
            onClick={() => onChange({ ...value, scope: scope.value })}
            className={cn(
              "h-9 rounded-[5px] text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              value.scope === scope.value ? "bg-background text-foreground shadow-sm" : "text-muted-foreground hover:text-foreground",
            )}
          >
            {scope.label}
          </button>
        ))}
      </div>
      {/* Native selects draw their own arrow, so no extra right padding; the status takes the width of its longest label. */}
      <div className="grid grid-cols-[auto_minmax(0,1fr)] gap-2">
        <Select aria-label="Status" value={value.status} onChange={(event) => onChange({ ...value, status: event.target.value as InboxFilterState["status"] })} data-testid="inbox-filter-status" className="pl-2.5 pr-1.5">
          <option value="unresolved">Open &amp; pending</option>
          <option value="">Any status</option>
          <option value="open">Open</option>
          <option value="pending">Pending</option>
          <option value="resolved">Resolved</option>
        </Select>
        <Select aria-label="Channel" value={value.channel} onChange={(event) => onChange({ ...value, channel: event.target.value as InboxFilterState["channel"] })} data-testid="inbox-filter-channel" className="pl-2.5 pr-1.5">
          <option value="">Any channel</option>
          <option value="web">Web</option>
          <option value="whatsapp">WhatsApp</option>
        </Select>
      </div>
      <div className="relative">
        <Search aria-hidden className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input
          type="search"
          aria-label="Search conversations"
          placeholder="Search name, email, organisation…"
          value={value.q}
          maxLength={100}
          onChange={(event) => onChange({ ...value, q: event.target.value })}
          className="pl-9"
          data-testid="inbox-search"
        />
      </div>
    </div>
  );
}

"use client";

import { Clock, Inbox, Star } from "lucide-react";
import type { SupportStatsDto } from "@/lib/support/dto";
import { formatDuration } from "./format";

function Figure({ label, value, detail, icon: Icon, testId }: { label: string; value: string; detail?: string; icon: typeof Inbox; testId: string }) {
  return (
    <div className="flex min-w-0 items-start gap-3 rounded-lg border border-border bg-card p-2.5 shadow-sm sm:p-4" data-testid={testId}>
      <Icon aria-hidden className="mt-0.5 hidden size-5 shrink-0 text-primary sm:block" />
      <dl className="min-w-0">
        <dt className="text-xs font-medium leading-tight text-muted-foreground">{label}</dt>
        <dd className="text-lg font-bold tabular-nums sm:text-2xl">{value}</dd>
        {detail ? <dd className="text-[11px] leading-tight text-muted-foreground sm:text-xs">{detail}</dd> : null}
      </dl>
    </div>
  );
}

/** Admins: open conversations, median first response and average rating (GET /api/support/stats). */
export function StatsBar({ stats, error }: { stats: SupportStatsDto | null; error?: string }) {
  if (error) {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
        Figures unavailable: {error}
      </p>
    );
  }
  return (
    <section aria-label="Support figures" className="grid grid-cols-3 gap-2 sm:gap-3" data-testid="support-stats">
      <Figure
        testId="stat-open"
        icon={Inbox}
        label="Open conversations"
        value={stats ? String(stats.openConversations) : "…"}
        detail={stats ? `${stats.pendingConversations} pending · ${stats.unassignedConversations} unassigned` : undefined}
      />
      <Figure
        testId="stat-first-response"
        icon={Clock}
        label="Median first response"
        value={stats ? (stats.medianFirstResponseSeconds === null ? "—" : formatDuration(stats.medianFirstResponseSeconds)) : "…"}
        detail="Target: 15 min"
      />
      <Figure
        testId="stat-rating"
        icon={Star}
        label="Average rating"
        value={stats ? (stats.averageRating === null ? "—" : `${stats.averageRating.toFixed(1)} / 5`) : "…"}
        detail={stats ? `${stats.ratings} rating${stats.ratings === 1 ? "" : "s"}` : undefined}
      />
    </section>
  );
}

"use client";

import { ArrowLeft, FileText } from "lucide-react";
import { useEffect, useState } from "react";
import { formatDate } from "@/components/format";
import { Spinner } from "@/components/ui/spinner";
import type { SharedReportDto } from "@/lib/support/dto";
import * as api from "./api";

/**
 * "Share a report with support": the user's ready enquiries (GET /api/enquiries?status=ready); one
 * tap shares it with this conversation, and a shared one can be withdrawn again.
 */
export function ShareReportPicker({ conversationId, shared, onChanged, onBack }: { conversationId: string; shared: SharedReportDto[]; onChanged: () => void; onBack: () => void }) {
  const [items, setItems] = useState<api.EnquiryOption[] | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | undefined>();
  const sharedIds = new Set(shared.map((report) => report.enquiryId));

  useEffect(() => {
    let current = true;
    void api.listReadyEnquiries().then((result) => {
      if (!current) return;
      if (result.ok) setItems(result.data.items.filter((item) => item.status === "ready"));
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, []);

  async function toggle(item: api.EnquiryOption) {
    setBusy(item.id);
    setError(undefined);
    setDone(undefined);
    const wasShared = sharedIds.has(item.id);
    const result = wasShared ? await api.unshareReport(conversationId, item.id) : await api.shareReport(conversationId, item.id);
    setBusy(null);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setDone(wasShared ? "Support can no longer open that report." : "Shared: support can now open that report.");
    onChanged();
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="support-share-picker">
      <div className="flex items-center gap-2 border-b border-border px-3 py-2">
        <button type="button" onClick={onBack} className="rounded-md p-1.5 hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <ArrowLeft aria-hidden className="size-4" />
          <span className="sr-only">Back to the conversation</span>
        </button>
        <h3 className="text-sm font-semibold">Share a report with support</h3>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-3 py-3">
        <p className="mb-3 text-xs text-muted-foreground">Support can open a shared report while this conversation is open. Only share what they need to help you.</p>
        {error ? (
          <p role="alert" className="mb-2 rounded-md border border-red-200 bg-red-50 px-2 py-1.5 text-xs text-red-900">
            {error}
          </p>
        ) : null}
        {done ? (
          <p role="status" className="mb-2 rounded-md border border-emerald-200 bg-emerald-50 px-2 py-1.5 text-xs text-emerald-950">
            {done}
          </p>
        ) : null}
        {items === null && !error ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <Spinner /> Loading your reports…
          </p>
        ) : items?.length === 0 ? (
          <p className="text-sm text-muted-foreground">You have no finished reports to share yet.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {items?.map((item) => {
              const isShared = sharedIds.has(item.id);
              const title = item.name ?? item.identifier;
              return (
                <li key={item.id} className="flex items-center gap-2 rounded-md border border-border bg-card p-2" data-testid="support-share-option">
                  <FileText aria-hidden className="size-4 shrink-0 text-primary" />
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium">{title}</p>
                    <p className="truncate text-xs text-muted-foreground">
                      {item.reference ? `${item.reference} · ` : ""}
                      {formatDate(item.createdAt)}
                    </p>
                  </div>
                  <button
                    type="button"
                    disabled={busy !== null}
                    onClick={() => void toggle(item)}
                    aria-label={`${isShared ? "Stop sharing" : "Share"} the report on ${title}`}
                    className={
                      isShared
                        ? "inline-flex h-8 shrink-0 items-center gap-1 rounded-md border border-border px-2 text-xs font-medium hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50"
                        : "inline-flex h-8 shrink-0 items-center gap-1 rounded-md bg-primary px-2 text-xs font-medium text-primary-foreground hover:bg-primary/90 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50"
                    }
                  >
                    {busy === item.id ? <Spinner className="size-3" /> : null}
                    {isShared ? "Stop sharing" : "Share"}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}

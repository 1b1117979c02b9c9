"use client";

import { Building2, ChevronRight, User } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { formatDateTime } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { EnquiryStatus } from "@/db/schema";
import type { listEnquiries } from "@/lib/enquiries/list-enquiries";
import { useInterval } from "@/lib/ui/use-interval";
import { useOrganisationChannel, type OrganisationChannelConfig } from "@/lib/ui/use-organisation-channel";
import { requestJson } from "./api";
import type { Jsonified } from "./jsonified";
import { isEnquiryStatus, isFinalStatus } from "./status";
import { StatusBadge } from "./status-badge";

export type EnquiryListPage = Jsonified<Awaited<ReturnType<typeof listEnquiries>>>;
export type EnquiryListItem = EnquiryListPage["items"][number];

export interface EnquiryListProps {
  /** The newest page, rendered by the server (and re-rendered by router.refresh on live events). */
  firstPage: EnquiryListPage;
  filter: { status?: EnquiryStatus; reference?: string };
  pageSize: number;
  realtime: OrganisationChannelConfig | null;
  /** Shown instead of the table when there is nothing to list. */
  empty: ReactNode;
}

const SAFETY_REFRESH_MS = 15_000;

function byNewest(a: EnquiryListItem, b: EnquiryListItem) {
  return b.createdAt.localeCompare(a.createdAt);
}

/**
 * The enquiries, newest first: a stack of cards on phones and a table from `md` up. Live status events
 * refresh the server-rendered first page; rows loaded with "Load more" are patched from the events.
 */
export function EnquiryList({ firstPage, filter, pageSize, realtime, empty }: EnquiryListProps) {
  const router = useRouter();
  // Every row seen beyond the first page, by id, plus the cursor for the next page.
  const [older, setOlder] = useState<{ items: EnquiryListItem[]; nextBefore: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | undefined>();
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const items = useMemo(() => {
    const fresh = new Set(firstPage.items.map((item) => item.id));
    const rest = (older?.items ?? []).filter((item) => !fresh.has(item.id) && (!filter.status || item.status === filter.status));
    return [...firstPage.items, ...rest].sort(byNewest);
  }, [firstPage.items, older, filter.status]);
  const nextBefore = older ? older.nextBefore : firstPage.nextBefore;

  const refresh = useCallback(() => {
    // A burst of events (queued, fetching, scoring within a second) becomes one refresh.
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => router.refresh(), 250);
  }, [router]);
  useEffect(() => () => clearTimeout(refreshTimer.current), []);

  const live = useOrganisationChannel(
    realtime,
    useCallback(
      (event) => {
        const status = event.status;
        if (isEnquiryStatus(status)) {
          setOlder((current) =>
            current ? { ...current, items: current.items.map((item) => (item.id === event.enquiryId ? { ...item, status, updatedAt: event.at } : item)) } : current,
          );
        }
        refresh();
      },
      [refresh],
    ),
  );

  const inProgress = items.some((item) => !isFinalStatus(item.status));
  useInterval(refresh, inProgress ? (live === "live" ? SAFETY_REFRESH_MS : SAFETY_REFRESH_MS / 3) : null);

  async function loadMore() {
    if (!nextBefore) return;
    setLoading(true);
    setLoadError(undefined);
    const search = new URLSearchParams({ before: nextBefore, limit: String(pageSize) });
    if (filter.status) search.set("status", filter.status);
    if (filter.reference) search.set("reference", filter.reference);
    const result = await requestJson<EnquiryListPage>(`/api/enquiries?${search.toString()}`);
    setLoading(false);
    if (!result.ok) {
      setLoadError(result.error.message);
      return;
    }
    setOlder((current) => {
      // Keep the current first page too: a new enquiry at the top would otherwise push its last row
      // out of the refreshed first page and out of view.
      const known = new Map((current?.items ?? []).map((item) => [item.id, item]));
      for (const item of [...firstPage.items, ...result.data.items]) known.set(item.id, item);
      return { items: [...known.values()], nextBefore: result.data.nextBefore };
    });
  }

  if (items.length === 0) return <>{empty}</>;

  return (
    <div className="flex flex-col gap-4">
      <Table aria-label="Enquiries">
        <TableHead>
          <tr>
            <TableHeader>Applicant</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader>Reference</TableHeader>
            <TableHeader>Requested by</TableHeader>
            <TableHeader>Submitted</TableHeader>
            <TableHeader>
              <span className="sr-only">Open</span>
            </TableHeader>
          </tr>
        </TableHead>
        <TableBody>
          {items.map((item) => (
            <EnquiryRow key={item.id} item={item} />
          ))}
        </TableBody>
      </Table>
      <div className="flex flex-col items-center gap-2" aria-live="polite">
        {nextBefore ? (
          <Button type="button" variant="outline" onClick={() => void loadMore()} disabled={loading} className="w-full sm:w-auto">
            {loading ? <Spinner /> : null}
            {loading ? "Loading…" : "Load more"}
          </Button>
        ) : items.length > pageSize ? (
          <p className="text-sm text-muted-foreground">That is all of them.</p>
        ) : null}
        {loadError ? (
          <p role="alert" className="text-sm text-red-700">
            {loadError}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function EnquiryRow({ item }: { item: EnquiryListItem }) {
  const href = `/enquiries/${item.id}`;
  const Icon = item.subjectType === "company" ? Building2 : User;
  return (
    <TableRow data-enquiry-id={item.id} className="relative md:hover:bg-muted/40">
      <TableCell className="md:max-w-72">
        <div className="flex min-w-0 items-start gap-3">
          <Icon aria-hidden className="mt-0.5 hidden size-4 shrink-0 text-muted-foreground md:block" />
          <div className="min-w-0">
            {/* The link's ::after covers the whole card on phones, so the card is one big tap target. */}
            <Link
              href={href}
              className="font-medium text-foreground underline-offset-4 after:absolute after:inset-0 after:rounded-lg hover:underline focus-visible:outline-none focus-visible:after:ring-2 focus-visible:after:ring-ring md:after:rounded-none"
            >
              {item.name ?? (item.subjectType === "company" ? "Company (name not given)" : "Applicant (name not given)")}
            </Link>
            <p className="font-mono text-xs text-muted-foreground">{item.identifier}</p>
          </div>
        </div>
      </TableCell>
      <TableCell label="Status">
        <span className="flex flex-col items-end gap-1 md:items-start">
          <StatusBadge status={item.status} />
          {item.status === "failed" && item.failureMessage ? (
            <span className="line-clamp-2 max-w-64 text-right text-xs text-red-800 md:text-left">{item.failureMessage}</span>
          ) : null}
        </span>
      </TableCell>
      <TableCell label="Reference" className="break-all">
        {item.reference ?? <span className="text-muted-foreground">—</span>}
      </TableCell>
      <TableCell label="Requested by">{item.requestedBy}</TableCell>
      <TableCell label="Submitted" className="whitespace-nowrap">
        <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
      </TableCell>
      <TableCell className="hidden w-8 md:table-cell">
        <ChevronRight aria-hidden className="size-4 text-muted-foreground" />
      </TableCell>
    </TableRow>
  );
}

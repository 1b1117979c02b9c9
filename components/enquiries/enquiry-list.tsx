"use client";

import { Building2, ChevronRight, User } from "lucide-react";
import Form from "next/form";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { formatDateTime } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { EnquiryStatus } from "@/db/schema";
import type { listEnquiries } from "@/lib/enquiries/list-enquiries";
import { useInterval } from "@/lib/ui/use-interval";
import { useEnquiryStatusChannels, type EnquiryStatusChannels } from "@/lib/ui/use-enquiry-status-channels";
import { requestJson } from "./api";
import type { Jsonified } from "./jsonified";
import { ENQUIRY_STATUSES, isEnquiryStatus, isFinalStatus, STATUS_META } from "./status";
import { StatusBadge } from "./status-badge";

export type EnquiryListPage = Jsonified<Awaited<ReturnType<typeof listEnquiries>>>;
export type EnquiryListItem = EnquiryListPage["items"][number];

export interface EnquiryListProps {
  /** The newest page, rendered by the server (and re-rendered by router.refresh on live events). */
  firstPage: EnquiryListPage;
  filter: { status?: EnquiryStatus; reference?: string };
  pageSize: number;
  realtime: EnquiryStatusChannels | null;
  /** Shown instead of the table when there is nothing to list. */
  empty: ReactNode;
}

const SAFETY_REFRESH_MS = 15_000;

/**
 * What the search box holds: a 13-digit SA ID or a CIPC registration number is searched exactly
 * through the blind index (and kept out of the page URL); anything else is a reference filter.
 */
export function searchKind(value: string): "idNumber" | "identifier" | "reference" {
  const compact = value.trim().replace(/[\s\u2010-\u2015\u2212-]/g, "");
  if (/^\d{13}$/.test(compact)) return "idNumber";
  if (/^\d{4}\/?\d{6}\/?\d{2}$/.test(compact)) return "identifier";
  return "reference";
}

interface NumberSearch {
  /** Held in component state only: never in the page URL or history. */
  param: "idNumber" | "identifier";
  value: string;
  items: EnquiryListItem[];
  nextCursor: string | null;
}

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
  const [numberSearch, setNumberSearch] = useState<NumberSearch | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | undefined>();
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const items = useMemo(() => {
    const fresh = new Set(firstPage.items.map((item) => item.id));
    const rest = (older?.items ?? []).filter((item) => !fresh.has(item.id) && (!filter.status || item.status === filter.status));
    return [...firstPage.items, ...rest].sort(byNewest);
  }, [firstPage.items, older, filter.status]);
  const nextBefore = numberSearch ? numberSearch.nextCursor : older ? older.nextBefore : firstPage.nextBefore;
  const shown = numberSearch ? numberSearch.items : items;

  const refresh = useCallback(() => {
    // A burst of events (queued, fetching, scoring within a second) becomes one refresh.
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => router.refresh(), 250);
  }, [router]);
  useEffect(() => () => clearTimeout(refreshTimer.current), []);

  const live = useEnquiryStatusChannels(
    realtime,
    useCallback(
      (event) => {
        const status = event.status;
        if (isEnquiryStatus(status)) {
          setNumberSearch((current) =>
            current ? { ...current, items: current.items.map((item) => (item.id === event.enquiryId ? { ...item, status, updatedAt: event.at } : item)) } : current,
          );
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

  function numberQuery(search: Pick<NumberSearch, "param" | "value">, cursor?: string) {
    const query = new URLSearchParams({ [search.param]: search.value, limit: String(pageSize) });
    if (cursor) query.set("cursor", cursor);
    if (filter.status) query.set("status", filter.status);
    return `/api/enquiries?${query.toString()}`;
  }

  /** An ID or registration number typed into the search box: searched here, never put in the page URL. */
  function onSearchSubmit(event: FormEvent<HTMLFormElement>) {
    const form = new FormData(event.currentTarget);
    const typed = form.get("reference");
    const value = typeof typed === "string" ? typed : "";
    const kind = searchKind(value);
    if (kind === "reference") {
      setNumberSearch(null);
      return; // the form navigates with ?reference= as before
    }
    event.preventDefault();
    const search = { param: kind, value: value.trim() };
    setSearching(true);
    setSearchError(undefined);
    void requestJson<EnquiryListPage>(numberQuery(search)).then((result) => {
      setSearching(false);
      if (!result.ok) {
        setSearchError(result.error.message);
        return;
      }
      setNumberSearch({ ...search, items: result.data.items, nextCursor: result.data.nextCursor });
    });
  }

  async function loadMore() {
    if (!nextBefore) return;
    setLoading(true);
    setLoadError(undefined);
    const search = new URLSearchParams({ cursor: nextBefore, limit: String(pageSize) });
    if (filter.status) search.set("status", filter.status);
    if (filter.reference) search.set("reference", filter.reference);
    const result = await requestJson<EnquiryListPage>(numberSearch ? numberQuery(numberSearch, nextBefore) : `/api/enquiries?${search.toString()}`);
    setLoading(false);
    if (!result.ok) {
      setLoadError(result.error.message);
      return;
    }
    if (numberSearch) {
      setNumberSearch((current) => (current ? { ...current, items: [...current.items, ...result.data.items], nextCursor: result.data.nextCursor } : current));
      return;
    }
    setOlder((current) => {
      // Keep the current first page too: a new enquiry at the top would otherwise push its last row
      // out of the refreshed first page and out of view.
      const known = new Map((current?.items ?? []).map((item) => [item.id, item]));
      for (const item of [...firstPage.items, ...result.data.items]) known.set(item.id, item);
      return { items: [...known.values()], nextBefore: result.data.nextCursor };
    });
  }

  const filtered = Boolean(filter.status || filter.reference || numberSearch);
  const filters = (
    <Form
      action="/enquiries"
      role="search"
      aria-label="Filter enquiries"
      onSubmit={onSearchSubmit}
      className="mb-2 grid grid-cols-2 items-end gap-3 sm:grid-cols-[12rem_1fr_auto]"
    >
      <div className="flex min-w-0 flex-col gap-1.5">
        <label htmlFor="enquiry-status" className="text-sm font-medium">
          Status
        </label>
        <Select id="enquiry-status" name="status" defaultValue={filter.status ?? ""}>
          <option value="">Any status</option>
          {ENQUIRY_STATUSES.map((value) => (
            <option key={value} value={value}>
              {STATUS_META[value].label}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex min-w-0 flex-col gap-1.5">
        <label htmlFor="enquiry-reference" className="text-sm font-medium">
          Reference
        </label>
        <Input
          id="enquiry-reference"
          name="reference"
          type="search"
          defaultValue={filter.reference ?? ""}
          placeholder="e.g. Unit 4B, or an exact ID number"
          maxLength={64}
          autoComplete="off"
          aria-describedby="enquiry-reference-hint"
        />
      </div>
      <div className="col-span-2 flex gap-2 sm:col-span-1">
        <Button type="submit" variant="outline" className="h-11 flex-1 sm:h-10 sm:flex-none" disabled={searching}>
          {searching ? <Spinner /> : null}
          Filter
        </Button>
        {filtered ? (
          <Button asChild variant="ghost" className="h-11 flex-1 sm:h-10 sm:flex-none">
            <Link href="/enquiries" onClick={() => setNumberSearch(null)}>
              Clear
            </Link>
          </Button>
        ) : null}
      </div>
      <p id="enquiry-reference-hint" className="col-span-2 -mt-1 text-xs text-muted-foreground sm:col-span-3">
        Or type an exact SA ID or CIPC registration number to find that applicant; it stays out of the page address.
      </p>
      {searchError ? (
        <p role="alert" className="col-span-2 text-sm text-red-700 sm:col-span-3">
          {searchError}
        </p>
      ) : null}
    </Form>
  );

  if (shown.length === 0) {
    return (
      <div className="flex flex-col gap-4">
        {filters}
        {numberSearch ? (
          <Card className="flex flex-col items-center gap-3 p-8 text-center">
            <h2 className="text-lg font-semibold">No enquiries for that number</h2>
            <p className="text-sm text-muted-foreground">Only exact matches are found. Check the number, or clear the search.</p>
          </Card>
        ) : (
          empty
        )}
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      {filters}
      {numberSearch ? (
        <p className="text-sm text-muted-foreground" aria-live="polite">
          Enquiries for the {numberSearch.param === "idNumber" ? "ID number" : "registration number"} you searched.
        </p>
      ) : null}
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
          {shown.map((item) => (
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
        ) : shown.length > pageSize ? (
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
              {item.erased
                ? "Applicant's information erased"
                : (item.name ?? (item.subjectType === "company" ? "Company (name not given)" : "Applicant (name not given)"))}
            </Link>
            {item.identifier ? <p className="font-mono text-xs text-muted-foreground">{item.identifier}</p> : null}
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

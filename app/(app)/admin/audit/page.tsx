import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { firstParam, type SearchParams } from "@/components/search-params";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { auditQuerySchema, listAuditEvents } from "@/lib/admin/list-audit-events";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Audit log · Admin" };

const PAGE_SIZE = 100;

const OUTCOME_BADGE = { success: "success", failure: "danger", denied: "warning" } as const;

function shortId(id: string | null) {
  if (!id) return "—";
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

export default async function AdminAuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor("audit:read");
  const params = await searchParams;
  const parsed = auditQuerySchema.safeParse({
    action: firstParam(params.action) || undefined,
    resourceType: firstParam(params.resourceType) || undefined,
    before: firstParam(params.before) || undefined,
  });
  const query = parsed.success ? parsed.data : {};
  const events = await listAuditEvents(await getDb(), actor, query);
  const oldest = events.at(-1);

  const olderHref = (() => {
    if (!oldest || events.length < PAGE_SIZE) return undefined;
    const search = new URLSearchParams();
    if (query.action) search.set("action", query.action);
    if (query.resourceType) search.set("resourceType", query.resourceType);
    search.set("before", String(oldest.id));
    return `/admin/audit?${search.toString()}`;
  })();
  const filtered = Boolean(query.action || query.resourceType || query.before);

  return (
    <div className="flex flex-col gap-4">
      <Form action="/admin/audit" className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <Input id="audit-action" name="action" defaultValue={query.action ?? ""} placeholder="e.g. auth.sign-in" spellCheck={false} autoCapitalize="none" maxLength={80} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-resource-type">Resource type</Label>
          <Input id="audit-resource-type" name="resourceType" defaultValue={query.resourceType ?? ""} placeholder="e.g. user, session" spellCheck={false} autoCapitalize="none" maxLength={80} />
        </div>
        <div className="flex gap-2">
          <Button type="submit" variant="outline" className="h-11 flex-1 sm:h-10">
            Filter
          </Button>
          {filtered ? (
            <Button asChild variant="ghost" className="h-11 sm:h-10">
              <Link href="/admin/audit">Clear</Link>
            </Button>
          ) : null}
        </div>
      </Form>
      {parsed.success ? null : <p className="text-sm text-red-700">Some filters were not valid and were ignored.</p>}
      <p className="text-sm text-muted-foreground">
        {events.length === 0 ? "No events match." : `The ${events.length === PAGE_SIZE ? PAGE_SIZE : events.length} most recent ${filtered ? "matching " : ""}events, newest first.`}
      </p>
      {events.length > 0 ? (
        <Table>
          <TableHead>
            <tr>
              <TableHeader>When</TableHeader>
              <TableHeader>Action</TableHeader>
              <TableHeader>Outcome</TableHeader>
              <TableHeader>Actor</TableHeader>
              <TableHeader>Resource</TableHeader>
              <TableHeader>Channel</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {events.map((event) => (
              <TableRow key={event.id}>
                <TableCell className="block whitespace-nowrap text-xs text-muted-foreground md:table-cell">
                  <time dateTime={event.occurredAt.toISOString()}>{formatDateTime(event.occurredAt)}</time>
                  <span className="ml-2 md:hidden">#{event.id}</span>
                </TableCell>
                <TableCell label="Action">
                  <code className="break-all font-mono text-xs">{event.action}</code>
                </TableCell>
                <TableCell label="Outcome">
                  <Badge variant={OUTCOME_BADGE[event.outcome]}>{event.outcome}</Badge>
                </TableCell>
                <TableCell label="Actor">
                  <span title={event.actorId ?? undefined} className="text-xs">
                    {event.actorType} <span className="font-mono">{shortId(event.actorId)}</span>
                  </span>
                </TableCell>
                <TableCell label="Resource">
                  <span title={event.resourceId ?? undefined} className="text-xs">
                    {event.resourceType} <span className="font-mono">{shortId(event.resourceId)}</span>
                  </span>
                </TableCell>
                <TableCell label="Channel" className="text-xs">
                  {event.channel}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {olderHref ? (
        <div>
          <Button asChild variant="outline" size="sm">
            <Link href={olderHref}>Older events</Link>
          </Button>
        </div>
      ) : null}
    </div>
  );
}

import { FileSearch, Plus } from "lucide-react";
import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { EnquiryList } from "@/components/enquiries/enquiry-list";
import { toJsonShape } from "@/components/enquiries/jsonified";
import { organisationChannelConfig } from "@/components/enquiries/realtime";
import { ENQUIRY_STATUSES, isEnquiryStatus, STATUS_META } from "@/components/enquiries/status";
import { firstParam, type SearchParams } from "@/components/search-params";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { getDb } from "@/db";
import { requirePageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/auth/permissions";
import { listEnquiries } from "@/lib/enquiries/list-enquiries";

export const metadata: Metadata = { title: "Enquiries" };

const PAGE_SIZE = 25;

export default async function EnquiriesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor("enquiry:read");
  const params = await searchParams;
  const statusParam = firstParam(params.status);
  const status = isEnquiryStatus(statusParam) ? statusParam : undefined;
  const reference = firstParam(params.reference)?.trim().slice(0, 64) || undefined;
  const page = await listEnquiries(await getDb(), actor, { status, reference, limit: PAGE_SIZE });
  const mayCreate = can(actor, "enquiry:create");
  const filtered = Boolean(status || reference);
  const { enquiriesThisMonth, billedThisMonth } = page.usage;

  return (
    <>
      <PageHeader
        title="Enquiries"
        description={
          <p data-testid="usage">
            This month: <strong className="font-semibold text-foreground">{enquiriesThisMonth}</strong> {enquiriesThisMonth === 1 ? "enquiry" : "enquiries"},{" "}
            <strong className="font-semibold text-foreground">{billedThisMonth}</strong> billed by TPN.
          </p>
        }
        actions={
          mayCreate ? (
            <Button asChild className="w-full sm:w-auto">
              <Link href="/enquiries/new">
                <Plus aria-hidden className="size-4" />
                New enquiry
              </Link>
            </Button>
          ) : null
        }
      />

      <Form action="/enquiries" role="search" aria-label="Filter enquiries" className="mb-6 grid grid-cols-2 items-end gap-3 sm:grid-cols-[12rem_1fr_auto]">
        <div className="flex min-w-0 flex-col gap-1.5">
          <label htmlFor="enquiry-status" className="text-sm font-medium">
            Status
          </label>
          <Select id="enquiry-status" name="status" defaultValue={status ?? ""}>
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
          <Input id="enquiry-reference" name="reference" type="search" defaultValue={reference ?? ""} placeholder="e.g. Unit 4B" maxLength={64} />
        </div>
        <div className="col-span-2 flex gap-2 sm:col-span-1">
          <Button type="submit" variant="outline" className="h-11 flex-1 sm:h-10 sm:flex-none">
            Filter
          </Button>
          {filtered ? (
            <Button asChild variant="ghost" className="h-11 flex-1 sm:h-10 sm:flex-none">
              <Link href="/enquiries">Clear</Link>
            </Button>
          ) : null}
        </div>
      </Form>

      <EnquiryList
        key={`${status ?? ""}|${reference ?? ""}`}
        firstPage={toJsonShape(page)}
        filter={{ status, reference }}
        pageSize={PAGE_SIZE}
        realtime={organisationChannelConfig(actor.organisationId)}
        empty={
          <Card className="flex flex-col items-center gap-3 p-8 text-center">
            <FileSearch aria-hidden className="size-10 text-primary" />
            {filtered ? (
              <>
                <h2 className="text-lg font-semibold">No enquiries match</h2>
                <p className="text-sm text-muted-foreground">Try another status or reference, or clear the filter.</p>
              </>
            ) : (
              <>
                <h2 className="text-lg font-semibold">No enquiries yet</h2>
                <p className="max-w-md text-sm text-muted-foreground">
                  Screen an applicant with their SA ID number, passport or company registration number. You need their consent first, or we can ask
                  them for you.
                </p>
                {mayCreate ? (
                  <Button asChild className="mt-2">
                    <Link href="/enquiries/new">Start your first enquiry</Link>
                  </Button>
                ) : null}
              </>
            )}
          </Card>
        }
      />
    </>
  );
}

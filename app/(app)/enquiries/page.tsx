import { FileSearch, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { EnquiryList } from "@/components/enquiries/enquiry-list";
import { toJsonShape } from "@/components/enquiries/jsonified";
import { enquiryStatusChannelsConfig } from "@/components/enquiries/realtime";
import { isEnquiryStatus } from "@/components/enquiries/status";
import { firstParam, type SearchParams } from "@/components/search-params";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
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

      <EnquiryList
        key={`${status ?? ""}|${reference ?? ""}`}
        firstPage={toJsonShape(page)}
        filter={{ status, reference }}
        pageSize={PAGE_SIZE}
        realtime={enquiryStatusChannelsConfig(actor)}
        empty={
          <Card className="flex flex-col items-center gap-3 p-8 text-center">
            <FileSearch aria-hidden className="size-10 text-primary" />
            {filtered ? (
              <>
                <h2 className="text-lg font-semibold">No enquiries match</h2>
                <p className="text-sm text-muted-foreground">Try another status or reference, or clear the filter. To find an applicant, type their exact ID or registration number.</p>
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

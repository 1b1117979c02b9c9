import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { EnquiryDetailView } from "@/components/enquiries/enquiry-detail";
import { ErasedEnquiry } from "@/components/enquiries/erased-enquiry";
import { toJsonShape } from "@/components/enquiries/jsonified";
import { enquiryStatusChannelsConfig } from "@/components/enquiries/realtime";
import { EnquiryReport } from "@/components/reports/enquiry-report";
import { getDb } from "@/db";
import { ErasedError, NotFoundError } from "@/lib/api/errors";
import { parseId } from "@/lib/api/parse-id";
import { requestContext } from "@/lib/api/request-context";
import { requirePageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/auth/permissions";
import { getEnquiry } from "@/lib/enquiries/read-enquiry";
import { getReport } from "@/lib/reports/read-report";

export const metadata: Metadata = { title: "Enquiry" };

export default async function EnquiryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor("enquiry:read");
  const { id } = await params;
  // Reading an enquiry is audited (it shows personal information), with this request's id, IP and browser.
  const request = requestContext(new Request("http://page.local", { headers: new Headers(await headers()) }));
  const audit = { actorType: "user" as const, actorId: actor.userId, organisationId: actor.organisationId, channel: "web" as const, ...request };
  const db = await getDb();
  let enquiry: Awaited<ReturnType<typeof getEnquiry>>;
  try {
    enquiry = await getEnquiry(db, actor, audit, parseId(id, "Enquiry"));
  } catch (error) {
    // Another organisation's, a colleague's (for a Landlord), a malformed or unknown id: all the same 404.
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ErasedError) return <ErasedEnquiry />;
    throw error;
  }
  // The report exists only once the enquiry is ready. When the status turns ready while the page is
  // open, the client view refreshes this server component and the report arrives here.
  let data: Awaited<ReturnType<typeof getReport>> | null = null;
  if (enquiry.status === "ready" && can(actor, "report:read")) {
    try {
      data = await getReport(db, actor, audit, enquiry.id);
    } catch (error) {
      if (error instanceof ErasedError) return <ErasedEnquiry />;
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  const report: ReactNode = data ? <EnquiryReport data={toJsonShape(data)} canDownload={can(actor, "report:download")} canDecide={can(actor, "report:decide")} /> : null;
  return (
    <EnquiryDetailView
      initial={toJsonShape(enquiry)}
      realtime={enquiryStatusChannelsConfig(actor)}
      canWithdraw={can(actor, "enquiry:create")}
      report={report}
    />
  );
}

import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { EnquiryDetailView } from "@/components/enquiries/enquiry-detail";
import { toJsonShape } from "@/components/enquiries/jsonified";
import { organisationChannelConfig } from "@/components/enquiries/realtime";
import { getDb } from "@/db";
import { NotFoundError } from "@/lib/api/errors";
import { parseId } from "@/lib/api/parse-id";
import { requestContext } from "@/lib/api/request-context";
import { requirePageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/auth/permissions";
import { getEnquiry } from "@/lib/enquiries/read-enquiry";

export const metadata: Metadata = { title: "Enquiry" };

export default async function EnquiryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor("enquiry:read");
  const { id } = await params;
  // Reading an enquiry is audited (it shows personal information), with this request's id, IP and browser.
  const request = requestContext(new Request("http://page.local", { headers: new Headers(await headers()) }));
  const audit = { actorType: "user" as const, actorId: actor.userId, organisationId: actor.organisationId, channel: "web" as const, ...request };
  let enquiry: Awaited<ReturnType<typeof getEnquiry>>;
  try {
    enquiry = await getEnquiry(await getDb(), actor, audit, parseId(id, "Enquiry"));
  } catch (error) {
    // Another organisation's, a colleague's (for a Landlord), a malformed or unknown id: all the same 404.
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  return <EnquiryDetailView initial={toJsonShape(enquiry)} realtime={organisationChannelConfig(actor.organisationId)} canWithdraw={can(actor, "enquiry:create")} />;
}

import type { Metadata } from "next";
import { SharedReport } from "@/components/support/shared-report";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Shared report" };

/**
 * Staff: a report a customer shared in a support conversation. The browser fetches it from the
 * support API, which checks that it is still shared with this conversation and audits the read.
 */
export default async function SharedReportPage({ params }: { params: Promise<{ id: string; enquiryId: string }> }) {
  await requirePageActor("support:reply");
  const { id, enquiryId } = await params;
  return <SharedReport conversationId={id} enquiryId={enquiryId} />;
}

import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { NewEnquiryForm } from "@/components/enquiries/new-enquiry-form";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "New enquiry" };

/** An unconfirmed email address is flagged by the shell's banner; the API refuses the submit and the form explains. */
export default async function NewEnquiryPage() {
  await requirePageActor("enquiry:create");
  return (
    <div className="mx-auto max-w-3xl">
      <div className="mb-3">
        <Link href="/enquiries" className="rounded-sm text-sm font-medium text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
          ← All enquiries
        </Link>
      </div>
      <PageHeader title="New enquiry" description="Screen an applicant against TPN's credit and rental-payment records." />
      <NewEnquiryForm />
    </div>
  );
}

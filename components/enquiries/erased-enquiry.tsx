import { ShieldOff } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** What an enquiry page shows once its applicant's personal information was crypto-shredded. */
export function ErasedEnquiry() {
  return (
    <Card className="mx-auto flex max-w-lg flex-col gap-3 p-5 sm:p-8" data-testid="erased-enquiry">
      <ShieldOff aria-hidden className="size-10 text-muted-foreground" />
      <h1 className="text-2xl font-bold tracking-tight">This applicant&apos;s information was erased</h1>
      <p className="text-sm text-muted-foreground">
        Their personal information and the report were permanently erased, at the applicant&apos;s request or because the retention period ended (POPIA
        section 24). Only the fact that the enquiry happened is kept, for billing and the audit trail.
      </p>
      <div>
        <Button asChild variant="outline">
          <Link href="/enquiries">Back to enquiries</Link>
        </Button>
      </div>
    </Card>
  );
}

import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/page-actor";
import { PrivacyRequests } from "./privacy-requests";

export const metadata: Metadata = { title: "Privacy requests · Admin" };

export default async function AdminPrivacyPage() {
  await requirePageActor("privacy:handle-requests");
  return (
    <div className="flex flex-col gap-4">
      <div className="max-w-3xl space-y-2 text-sm text-muted-foreground">
        <p>
          An applicant may ask what TenantLens holds about them (POPIA section 23, GDPR article 15) and ask for it to be erased (POPIA section 24, GDPR
          article 17). Check who they are first, then look them up by the number they were screened under.
        </p>
        <p>Every lookup, export and erasure is recorded in the audit log, with your name. The number you type is not.</p>
      </div>
      <PrivacyRequests />
    </div>
  );
}

import type { Metadata } from "next";
import { ConsentDecision, InvalidConsentLink } from "@/components/enquiries/consent-decision";
import { TooManyRequests } from "@/components/ui/too-many-requests";
import { getDb } from "@/db";
import { NotFoundError } from "@/lib/api/errors";
import { readConsentRequest } from "@/lib/consent/applicant-consent";
import { limitPublicPage } from "@/lib/rate-limit/limit-public-page";

export const metadata: Metadata = { title: "Consent to a tenant screening check" };

/**
 * Public: the applicant opens this from the email. The request is read here on the server (the token
 * is the only credential); the decision is posted to /api/consent/:token from the browser.
 */
export default async function ConsentPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if ((await limitPublicPage()) === "busy") return <TooManyRequests />;
  let request: Awaited<ReturnType<typeof readConsentRequest>>;
  try {
    request = await readConsentRequest(await getDb(), token);
  } catch (error) {
    // Unknown, used, expired, or the enquiry no longer waits for consent: one message for all.
    if (error instanceof NotFoundError) return <InvalidConsentLink />;
    throw error;
  }
  return <ConsentDecision token={token} request={request} />;
}

import { parseConsentReplyId } from "./request-applicant-consent";
import type { InboundContent } from "./webhook-payload";

/** An applicant's answer to a consent request (a button reply carrying the request id), if this is one. */
export function applicantReplyTarget(content: InboundContent) {
  return content.type === "reply" ? parseConsentReplyId(content.id) : null;
}

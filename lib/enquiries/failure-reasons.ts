import { ErasedError } from "@/lib/api/errors";
import { TpnRejectedError, TpnUnreadableResponseError } from "@/lib/tpn/errors";

export interface FailureReason {
  code: string;
  message: string;
}

/** What the requester reads when an enquiry fails: what happened and what they can do about it. */
export const FAILURE_REASONS = {
  TPN_UNAVAILABLE: {
    code: "TPN_UNAVAILABLE",
    message: "TPN did not answer after several attempts. You were not charged; submit the enquiry again later.",
  },
  TPN_UNREADABLE: { code: "TPN_UNREADABLE", message: "TPN returned an unreadable response. You were not charged twice; contact support with the enquiry reference." },
  CONSENT_WITHDRAWN: { code: "CONSENT_WITHDRAWN", message: "Consent was withdrawn before the check ran, so TPN was not contacted." },
  CONSENT_REQUEST_NOT_DELIVERED: {
    code: "CONSENT_REQUEST_NOT_DELIVERED",
    message: "WhatsApp could not deliver the consent request to the applicant's number, so TPN was not contacted. Check the number and start a new check.",
  },
  SUBJECT_ERASED: { code: "SUBJECT_ERASED", message: "The applicant's data was erased at their request, so the check cannot run." },
  INTERNAL: { code: "INTERNAL", message: "Something went wrong on our side. You were not charged twice; contact support with the enquiry reference." },
} satisfies Record<string, FailureReason>;

const REJECTION_MESSAGES: Partial<Record<string, string>> = {
  INVALID_ID_NUMBER: "TPN did not accept the ID number. Check it with the applicant and submit a new enquiry.",
  INVALID_REGISTRATION_NUMBER: "TPN did not accept the registration number. Check it and submit a new enquiry.",
  CONSENT_REQUIRED: "TPN needs a consent record for this check. Record the applicant's consent and submit again.",
  PRODUCT_NOT_ENABLED: "Your TPN contract does not include this kind of check. Contact support.",
  UNAUTHORIZED: "Our TPN credentials were refused. We have been alerted; try again later.",
};

/** A failure that retrying cannot fix, as the reason to store; undefined for failures worth retrying. */
export function permanentFailureReason(error: unknown): FailureReason | undefined {
  if (error instanceof TpnRejectedError) {
    const code = error.tpnCode ?? "TPN_REJECTED";
    return { code: `TPN_${code}`, message: REJECTION_MESSAGES[code] ?? "TPN refused the request. Contact support with the enquiry reference." };
  }
  if (error instanceof TpnUnreadableResponseError) return FAILURE_REASONS.TPN_UNREADABLE;
  if (error instanceof ErasedError) return FAILURE_REASONS.SUBJECT_ERASED;
  return undefined;
}

/** The shapes callers of the TPN client work with, all derived from the generated contract types. */
import type { components } from "./schema";

type Schemas = components["schemas"];
type GeneratedConsumerRequest = Schemas["ConsumerEnquiryRequest"];

export type PassportSubject = NonNullable<GeneratedConsumerRequest["passport"]>;

/**
 * The spec says `oneOf: [required: [idNumber], required: [passport]]`; the generator cannot express
 * that, so the union is restored here: a request names the subject by exactly one of the two.
 */
export type ConsumerEnquiryRequest = Omit<GeneratedConsumerRequest, "idNumber" | "passport"> &
  ({ idNumber: string; passport?: never } | { passport: PassportSubject; idNumber?: never });

export type CommercialEnquiryRequest = Schemas["CommercialEnquiryRequest"];
export type ConsumerReport = Schemas["ConsumerReport"];
export type CommercialReport = Schemas["CommercialReport"];
export type TpnErrorBody = Schemas["Error"];
export type TpnErrorCode = TpnErrorBody["error"]["code"];
export type EnquiryPurpose = Schemas["EnquiryPurpose"];
export type Consent = Schemas["Consent"];

/** The RateLimit-* headers of a response; a header TPN left out (or sent garbled) is `null`. */
export interface RateLimitInfo {
  limit: number | null;
  remaining: number | null;
  /** Seconds until the window resets. */
  resetSeconds: number | null;
}

export interface TpnResult<T> {
  data: T;
  /** `null` when the response carried none of the RateLimit-* headers. */
  rateLimit: RateLimitInfo | null;
}

export interface TpnCallOptions {
  /** Sent as Idempotency-Key (8-128 characters): pass the enquiry id so a retry is never billed twice. */
  idempotencyKey: string;
  /** Cancels the call (e.g. the workflow step was cancelled); the timeout applies regardless. */
  signal?: AbortSignal;
}

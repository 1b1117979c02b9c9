/**
 * Request checks the sandbox applies, in the order TPN would: the body against the contract's schema
 * (400 INVALID_REQUEST, naming the field), then meaning (422): the ID number must be a real SA ID
 * number (INVALID_ID_NUMBER), the registration number a real CIPC number (INVALID_REGISTRATION_NUMBER),
 * a passport's number and nationality well formed, and consent must already have been given
 * (CONSENT_REQUIRED when `obtainedAt` is in the future). Messages never repeat the submitted values.
 */
import type { z } from "zod";
import { calendarDateInSouthAfrica, compareDates, parseIsoDateParts } from "../../lib/identity/calendar";
import { validateCipcRegistrationNumber } from "../../lib/identity/cipc";
import { validateNationality, validatePassportNumber } from "../../lib/identity/passport";
import { validateSaIdNumber } from "../../lib/identity/sa-id";
import type { components } from "../../lib/tpn/schema";
import { commercialEnquiryRequestSchema, consumerEnquiryRequestSchema } from "../../lib/tpn/schemas";

type ErrorCode = components["schemas"]["Error"]["error"]["code"];

export interface RequestProblem {
  ok: false;
  status: 400 | 422;
  code: ErrorCode;
  message: string;
  field?: string;
}

export type RequestCheck<T> = { ok: true; value: T } | RequestProblem;

export type ConsumerRequest = z.infer<typeof consumerEnquiryRequestSchema>;
export type CommercialRequest = z.infer<typeof commercialEnquiryRequestSchema>;

/** Clock skew we forgive between the platform recording consent and TPN receiving the enquiry. */
const CONSENT_CLOCK_SKEW_MS = 5 * 60 * 1000;

function schemaProblem(error: z.ZodError): RequestProblem {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  const detail = issue?.message ?? "does not match the contract";
  return { ok: false, status: 400, code: "INVALID_REQUEST", message: field ? `${field}: ${detail}` : detail, ...(field ? { field } : {}) };
}

function semanticProblem(code: ErrorCode, field: string, message: string): RequestProblem {
  return { ok: false, status: 422, code, field, message: `${field}: ${message}` };
}

function consentProblem(obtainedAt: string, now: number): RequestProblem | null {
  if (Date.parse(obtainedAt) > now + CONSENT_CLOCK_SKEW_MS) {
    return semanticProblem("CONSENT_REQUIRED", "consent.obtainedAt", "consent must be obtained before the enquiry");
  }
  return null;
}

export function checkConsumerRequest(body: unknown, now: number): RequestCheck<ConsumerRequest> {
  const parsed = consumerEnquiryRequestSchema.safeParse(body);
  if (!parsed.success) return schemaProblem(parsed.error);
  const request = parsed.data;
  const today = calendarDateInSouthAfrica(new Date(now));

  if (request.idNumber !== undefined) {
    const id = validateSaIdNumber(request.idNumber, { today });
    if (!id.ok) return semanticProblem("INVALID_ID_NUMBER", "idNumber", id.message);
  }
  if (request.passport) {
    const number = validatePassportNumber(request.passport.number);
    if (!number.ok) return semanticProblem("INVALID_REQUEST", "passport.number", number.message);
    const nationality = validateNationality(request.passport.nationality);
    if (!nationality.ok) return semanticProblem("INVALID_REQUEST", "passport.nationality", nationality.message);
    const birth = parseIsoDateParts(request.passport.dateOfBirth);
    if (birth && compareDates(birth, today) > 0) return semanticProblem("INVALID_REQUEST", "passport.dateOfBirth", "the date of birth is in the future");
  }
  return consentProblem(request.consent.obtainedAt, now) ?? { ok: true, value: request };
}

export function checkCommercialRequest(body: unknown, now: number): RequestCheck<CommercialRequest> {
  const parsed = commercialEnquiryRequestSchema.safeParse(body);
  if (!parsed.success) return schemaProblem(parsed.error);
  const request = parsed.data;
  const cipc = validateCipcRegistrationNumber(request.registrationNumber, { today: calendarDateInSouthAfrica(new Date(now)) });
  if (!cipc.ok) return semanticProblem("INVALID_REGISTRATION_NUMBER", "registrationNumber", cipc.message);
  return consentProblem(request.consent.obtainedAt, now) ?? { ok: true, value: request };
}

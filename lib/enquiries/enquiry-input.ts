import { z } from "zod";
import { ValidationError } from "@/lib/api/errors";
import { emailField } from "@/lib/accounts/email-address";
import { toValidationError, validateCipcRegistrationNumber, validatePassport, validateSaIdNumber } from "@/lib/identity";
import type { IdentifierKind } from "@/lib/crypto/blind-index";
import { normaliseWhatsAppNumber } from "@/lib/whatsapp/phone-number";

const personName = z.string().trim().min(1, "must not be empty").max(80, "use at most 80 characters");
const money = (label: string) =>
  z
    .number({ message: `${label} must be a number of rand` })
    .positive(`${label} must be more than R 0`)
    .max(10_000_000, `${label} looks too large`)
    .refine((value) => Math.round(value * 100) === value * 100, `${label} has at most two decimals`);

/** The request body's shape; identity numbers are checked exactly afterwards, field by field. */
export const enquiryBodySchema = z.object({
  subject: z.discriminatedUnion("type", [
    z.object({
      type: z.literal("individual"),
      idNumber: z.string().max(40).optional(),
      passport: z.object({ number: z.string().max(40), nationality: z.string().max(8), dateOfBirth: z.string().max(16) }).optional(),
      firstName: personName.optional(),
      surname: personName.optional(),
    }),
    z.object({ type: z.literal("company"), registrationNumber: z.string().max(40), name: z.string().trim().max(160).optional() }),
  ], { message: 'subject.type must be "individual" or "company"' }),
  consent: z.union([
    z.object({
      method: z.enum(["signed_form", "electronic", "whatsapp"], { message: 'Choose "signed_form", "electronic" or "whatsapp".' }),
      obtainedAt: z.iso.datetime({ offset: true, message: "Give the date and time consent was obtained (ISO 8601)." }),
      confirmed: z.literal(true, { message: "Confirm that the applicant gave consent." }),
    }),
    z.object({ requestFromApplicant: z.object({ email: emailField.optional(), phone: z.string().max(20).optional() }) }),
  ], { message: "Give consent details, or ask the applicant: { requestFromApplicant: { email } }." }),
  monthlyRent: money("The monthly rent").optional(),
  grossMonthlyIncome: money("The gross monthly income").optional(),
  reference: z.string().trim().max(64, "Use at most 64 characters.").optional(),
  ignoreRecentReport: z.boolean().optional(),
});

export type EnquiryBody = z.infer<typeof enquiryBodySchema>;

export type ValidatedSubject =
  | { type: "individual"; identifierKind: "sa-id"; identifier: string; firstName?: string; surname?: string }
  | { type: "individual"; identifierKind: "passport"; identifier: string; passport: { number: string; nationality: string; dateOfBirth: string }; firstName?: string; surname?: string }
  | { type: "company"; identifierKind: "cipc"; identifier: string; name?: string };

/** SA ID, passport or CIPC number checked exactly, each failure naming its field and reason. */
export function validateSubject(subject: EnquiryBody["subject"]): ValidatedSubject & { identifierKind: IdentifierKind } {
  if (subject.type === "company") {
    const result = validateCipcRegistrationNumber(subject.registrationNumber);
    if (!result.ok) throw toValidationError(result, "subject.registrationNumber");
    return { type: "company", identifierKind: "cipc", identifier: result.value, name: subject.name };
  }
  if (subject.idNumber !== undefined && subject.passport !== undefined) {
    throw new ValidationError("subject", "Give either an SA ID number or a passport, not both.");
  }
  if (subject.idNumber !== undefined) {
    const result = validateSaIdNumber(subject.idNumber);
    if (!result.ok) throw toValidationError(result, "subject.idNumber");
    return { type: "individual", identifierKind: "sa-id", identifier: result.value, firstName: subject.firstName, surname: subject.surname };
  }
  if (subject.passport !== undefined) {
    const result = validatePassport(subject.passport);
    if (!result.ok) throw toValidationError(result, "subject.passport");
    const passport = { number: result.value.number, nationality: result.value.nationality, dateOfBirth: result.value.dateOfBirth };
    return {
      type: "individual",
      identifierKind: "passport",
      identifier: `${passport.nationality}:${passport.number}`,
      passport,
      firstName: subject.firstName,
      surname: subject.surname,
    };
  }
  throw new ValidationError("subject.idNumber", "Give the applicant's SA ID number, or their passport details.");
}

/** Consent must be recent and not in the future; a request to the applicant goes by WhatsApp (phone) or email. */
export function validateConsent(consent: EnquiryBody["consent"], now = new Date()) {
  if ("requestFromApplicant" in consent) {
    const { email, phone } = consent.requestFromApplicant;
    if (phone) return { kind: "request" as const, channel: "whatsapp" as const, destination: normaliseWhatsAppNumber(phone, "consent.requestFromApplicant.phone") };
    if (!email) throw new ValidationError("consent.requestFromApplicant.email", "Give the applicant's email address or WhatsApp number to send the consent request to.");
    return { kind: "request" as const, channel: "email" as const, destination: email };
  }
  const obtainedAt = new Date(consent.obtainedAt);
  if (obtainedAt.getTime() > now.getTime() + 5 * 60_000) throw new ValidationError("consent.obtainedAt", "Consent cannot be obtained in the future.");
  if (now.getTime() - obtainedAt.getTime() > 90 * 86_400_000) {
    throw new ValidationError("consent.obtainedAt", "Consent older than 90 days is stale; ask the applicant again.");
  }
  return { kind: "attested" as const, method: consent.method, obtainedAt };
}

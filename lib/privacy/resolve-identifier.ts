import { z } from "zod";
import { ValidationError } from "@/lib/api/errors";
import { blindIndex, type IdentifierKind } from "@/lib/crypto/blind-index";
import { toValidationError, validateCipcRegistrationNumber, validateNationality, validatePassportNumber, validateSaIdNumber } from "@/lib/identity";

export const SUBJECT_IDENTIFIER_TYPES = ["sa-id", "passport", "cipc"] as const;
export type SubjectIdentifierType = (typeof SUBJECT_IDENTIFIER_TYPES)[number];

/** `POST /api/admin/privacy/subject-lookup`: sent in a body, so the number never sits in a URL or an access log. */
export const subjectLookupSchema = z.object({
  identifier: z.string().trim().min(1, "Give the SA ID, passport or CIPC registration number.").max(64, "Use at most 64 characters."),
  identifierType: z.enum(SUBJECT_IDENTIFIER_TYPES, { message: 'Choose "sa-id", "passport" or "cipc".' }).optional(),
  /** The passport's ISO 3166 alpha-3 nationality; required for a passport number. */
  nationality: z.string().trim().max(8, "Give the 3-letter country code, e.g. ZWE.").optional(),
});

export type SubjectLookupInput = z.infer<typeof subjectLookupSchema>;

export interface ResolvedIdentifier {
  kind: SubjectIdentifierType;
  subjectKind: "individual" | "company";
  /** The blind index the subject was registered under (never the number itself). */
  index: string;
}

/**
 * Validates and normalises the number exactly as enquiry creation does, so the blind index matches the
 * one the subject was registered under; a bad number is a 422 naming `identifier` (or `nationality`).
 * Without `identifierType` the kind is inferred as the enquiry search does: a nationality means a
 * passport, a slash or 12 digits a CIPC number, anything else an SA ID number.
 */
export async function resolveIdentifier(input: SubjectLookupInput): Promise<ResolvedIdentifier> {
  const kind = input.identifierType ?? inferKind(input);
  let identifier: string;
  if (kind === "passport") {
    if (!input.nationality) throw new ValidationError("nationality", "Give the passport's nationality (ISO 3166 alpha-3, e.g. ZWE).");
    const number = validatePassportNumber(input.identifier);
    if (!number.ok) throw toValidationError({ ...number, field: undefined }, "identifier");
    const nationality = validateNationality(input.nationality);
    if (!nationality.ok) throw toValidationError({ ...nationality, field: undefined }, "nationality");
    identifier = `${nationality.value}:${number.value}`;
  } else if (kind === "cipc") {
    const result = validateCipcRegistrationNumber(input.identifier);
    if (!result.ok) throw toValidationError(result, "identifier");
    identifier = result.value;
  } else {
    const result = validateSaIdNumber(input.identifier);
    if (!result.ok) throw toValidationError(result, "identifier");
    identifier = result.value;
  }
  const indexKind: IdentifierKind = kind;
  return { kind, subjectKind: kind === "cipc" ? "company" : "individual", index: await blindIndex(indexKind, identifier) };
}

function inferKind(input: SubjectLookupInput): SubjectIdentifierType {
  if (input.nationality) return "passport";
  if (/[A-Za-z]/.test(input.identifier)) {
    throw new ValidationError("nationality", "To look up a passport number, give the passport's nationality too (ISO 3166 alpha-3, e.g. ZWE).");
  }
  const digits = input.identifier.replace(/[\s\u2010-\u2015\u2212-]/g, "");
  return input.identifier.includes("/") || digits.length === 12 ? "cipc" : "sa-id";
}

import { and, desc, eq, ilike, inArray, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { enquiries, enquiryStatus, subjects, users } from "@/db/schema";
import { ForbiddenError, ValidationError } from "@/lib/api/errors";
import { likePattern } from "@/lib/admin/users";
import { can, type Actor } from "@/lib/auth/permissions";
import { blindIndex, type IdentifierKind } from "@/lib/crypto/blind-index";
import { decryptJson } from "@/lib/crypto/field-encryption";
import { toValidationError, validateCipcRegistrationNumber, validateNationality, validatePassportNumber, validateSaIdNumber } from "@/lib/identity";
import { APPLICANT_COLUMN, type ApplicantDetails } from "./applicant-details";
import { billedEnquiriesThisMonth, countEnquiriesThisMonth } from "./monthly-usage";
import { maskedIdentifier } from "./read-enquiry";

const cursorMessage = "must be an ISO date-time (the createdAt of the last row; pass back nextCursor)";

export const listQuerySchema = z
  .object({
    status: z.enum(enquiryStatus.enumValues).optional(),
    reference: z.string().trim().max(64).optional(),
    /** Exact SA ID number, found through the subject's blind index (never stored or compared in clear). */
    idNumber: z.string().max(64).optional(),
    /** Exact SA ID, CIPC registration number, or passport number (with `nationality`). */
    identifier: z.string().max(64).optional(),
    /** The passport's ISO 3166 alpha-3 nationality, when `identifier` is a passport number. */
    nationality: z.string().max(8).optional(),
    /** `cursor` (issue 5's name) and `before` are the same thing; give either. */
    cursor: z.iso.datetime({ offset: true, message: `cursor ${cursorMessage}` }).optional(),
    before: z.iso.datetime({ offset: true, message: `before ${cursorMessage}` }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .refine((query) => !(query.cursor && query.before && query.cursor !== query.before), {
    message: "Give cursor or before, not two different values.",
    path: ["cursor"],
  })
  .refine((query) => !(query.idNumber !== undefined && query.identifier !== undefined), {
    message: "Give idNumber or identifier, not both.",
    path: ["identifier"],
  });

export type ListQuery = z.infer<typeof listQuerySchema>;

/**
 * Validates and normalises the searched number exactly as enquiry creation does (so the blind index
 * matches), or answers 422 with the validator's own message. The number itself is never logged.
 */
export async function searchIndex(query: Pick<ListQuery, "idNumber" | "identifier" | "nationality">): Promise<string | undefined> {
  if (query.idNumber !== undefined) {
    const result = validateSaIdNumber(query.idNumber);
    if (!result.ok) throw toValidationError(result, "idNumber");
    return blindIndex("sa-id", result.value);
  }
  if (query.identifier === undefined) return undefined;
  const raw = query.identifier;
  let kind: IdentifierKind;
  let identifier: string;
  if (query.nationality !== undefined) {
    const number = validatePassportNumber(raw);
    if (!number.ok) throw toValidationError({ ...number, field: undefined }, "identifier");
    const nationality = validateNationality(query.nationality);
    if (!nationality.ok) throw toValidationError({ ...nationality, field: undefined }, "nationality");
    kind = "passport";
    identifier = `${nationality.value}:${number.value}`;
  } else if (/[A-Za-z]/.test(raw)) {
    throw new ValidationError("nationality", "To search by passport number, give the passport's nationality too (ISO 3166 alpha-3, e.g. ZWE).");
  } else if (raw.includes("/") || raw.replace(/[\s\u2010-\u2015\u2212-]/g, "").length === 12) {
    const result = validateCipcRegistrationNumber(raw);
    if (!result.ok) throw toValidationError(result, "identifier");
    kind = "cipc";
    identifier = result.value;
  } else {
    const result = validateSaIdNumber(raw);
    if (!result.ok) throw toValidationError(result, "identifier");
    kind = "sa-id";
    identifier = result.value;
  }
  return blindIndex(kind, identifier);
}

/** The organisation's enquiries (a Landlord's own only), newest first, paged by createdAt. */
export async function listEnquiries(db: Database, actor: Actor, query: ListQuery) {
  if (!can(actor, "enquiry:read")) throw new ForbiddenError();
  const index = await searchIndex(query);
  const before = query.cursor ?? query.before;
  const filters: SQL[] = [eq(enquiries.organisationId, actor.organisationId)];
  if (actor.role !== "property_manager") filters.push(eq(enquiries.requestedBy, actor.userId));
  if (query.status) filters.push(eq(enquiries.status, query.status));
  if (query.reference) filters.push(ilike(enquiries.reference, likePattern(query.reference)));
  if (before) filters.push(lt(enquiries.createdAt, new Date(before)));
  // The subject is joined only to match its blind index; its encrypted identity is not read here.
  if (index) filters.push(inArray(enquiries.subjectId, db.select({ id: subjects.id }).from(subjects).where(eq(subjects.identifierIndex, index))));
  const rows = await db
    .select({ enquiry: enquiries, requestedByName: users.name, subjectErasedAt: subjects.erasedAt })
    .from(enquiries)
    .innerJoin(users, eq(users.id, enquiries.requestedBy))
    .innerJoin(subjects, eq(subjects.id, enquiries.subjectId))
    .where(and(...filters))
    .orderBy(desc(enquiries.createdAt))
    .limit(query.limit);
  const items = await Promise.all(
    rows.map(async ({ enquiry, requestedByName, subjectErasedAt }) => {
      // Crypto-shredded: nothing personal is left to show, not even the last digits.
      const erased = subjectErasedAt !== null;
      const details = !erased && enquiry.applicantEncrypted
        ? await decryptJson<ApplicantDetails>(db, enquiry.applicantEncrypted, APPLICANT_COLUMN).catch((): ApplicantDetails => ({}))
        : {};
      return {
        id: enquiry.id,
        status: enquiry.status,
        subjectType: enquiry.subjectType,
        identifier: erased ? null : maskedIdentifier(enquiry.identifierKind, enquiry.identifierLast4),
        erased,
        name: details.companyName ?? ([details.firstName, details.surname].filter(Boolean).join(" ") || null),
        reference: enquiry.reference,
        requestedBy: requestedByName,
        failureMessage: enquiry.failureMessage,
        createdAt: enquiry.createdAt,
        updatedAt: enquiry.updatedAt,
      };
    }),
  );
  const last = rows.at(-1);
  const next = rows.length === query.limit && last ? last.enquiry.createdAt.toISOString() : null;
  return {
    items,
    nextCursor: next,
    /** The same value as nextCursor, for callers written before the rename. */
    nextBefore: next,
    usage: {
      enquiriesThisMonth: await countEnquiriesThisMonth(db, actor.organisationId),
      billedThisMonth: await billedEnquiriesThisMonth(db, actor.organisationId),
    },
  };
}

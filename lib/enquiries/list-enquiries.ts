import { and, desc, eq, ilike, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { enquiries, enquiryStatus, users } from "@/db/schema";
import { ForbiddenError } from "@/lib/api/errors";
import { likePattern } from "@/lib/admin/users";
import { can, type Actor } from "@/lib/auth/permissions";
import { decryptJson } from "@/lib/crypto/field-encryption";
import { APPLICANT_COLUMN, type ApplicantDetails } from "./applicant-details";
import { billedEnquiriesThisMonth, countEnquiriesThisMonth } from "./monthly-usage";
import { maskedIdentifier } from "./read-enquiry";

export const listQuerySchema = z.object({
  status: z.enum(enquiryStatus.enumValues).optional(),
  reference: z.string().trim().max(64).optional(),
  before: z.iso.datetime({ offset: true, message: "before must be an ISO date-time (the createdAt of the last row)" }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** The organisation's enquiries (a Landlord's own only), newest first, paged by createdAt. */
export async function listEnquiries(db: Database, actor: Actor, query: z.infer<typeof listQuerySchema>) {
  if (!can(actor, "enquiry:read")) throw new ForbiddenError();
  const filters: SQL[] = [eq(enquiries.organisationId, actor.organisationId)];
  if (actor.role !== "property_manager") filters.push(eq(enquiries.requestedBy, actor.userId));
  if (query.status) filters.push(eq(enquiries.status, query.status));
  if (query.reference) filters.push(ilike(enquiries.reference, likePattern(query.reference)));
  if (query.before) filters.push(lt(enquiries.createdAt, new Date(query.before)));
  const rows = await db
    .select({ enquiry: enquiries, requestedByName: users.name })
    .from(enquiries)
    .innerJoin(users, eq(users.id, enquiries.requestedBy))
    .where(and(...filters))
    .orderBy(desc(enquiries.createdAt))
    .limit(query.limit);
  const items = await Promise.all(
    rows.map(async ({ enquiry, requestedByName }) => {
      const details = enquiry.applicantEncrypted
        ? await decryptJson<ApplicantDetails>(db, enquiry.applicantEncrypted, APPLICANT_COLUMN).catch((): ApplicantDetails => ({}))
        : {};
      return {
        id: enquiry.id,
        status: enquiry.status,
        subjectType: enquiry.subjectType,
        identifier: maskedIdentifier(enquiry.identifierKind, enquiry.identifierLast4),
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
  return {
    items,
    nextBefore: rows.length === query.limit && last ? last.enquiry.createdAt.toISOString() : null,
    usage: {
      enquiriesThisMonth: await countEnquiriesThisMonth(db, actor.organisationId),
      billedThisMonth: await billedEnquiriesThisMonth(db, actor.organisationId),
    },
  };
}

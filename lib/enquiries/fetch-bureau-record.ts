import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bureauRecords, consents, enquiries, subjects } from "@/db/schema";
import { ErasedError, NotFoundError } from "@/lib/api/errors";
import { decryptField, decryptJson, encryptJson } from "@/lib/crypto/field-encryption";
import type { TpnClient } from "@/lib/tpn/client";
import type { Consent } from "@/lib/tpn/types";
import { APPLICANT_COLUMN, type ApplicantDetails } from "./applicant-details";

export const BUREAU_REPORT_COLUMN = "bureau_records.report";

const CONSENT_METHOD: Record<string, Consent["method"]> = {
  signed_form: "WRITTEN",
  electronic: "ELECTRONIC",
  applicant_link: "ELECTRONIC",
  whatsapp: "WHATSAPP",
};

/**
 * Asks TPN for the applicant's record and stores it sealed under the subject's key. The enquiry id is
 * the Idempotency-Key, so a retry after a timeout or crash gets TPN's first answer and is not billed
 * again; a record already stored is not fetched a second time. Returns only non-personal facts: the
 * result of an Inngest step is kept by Inngest.
 */
export async function fetchBureauRecord(db: Database, tpn: TpnClient, enquiryId: string): Promise<{ found: boolean }> {
  const [existing] = await db.select({ found: bureauRecords.found }).from(bureauRecords).where(eq(bureauRecords.enquiryId, enquiryId));
  if (existing) return existing;

  const [row] = await db
    .select({ enquiry: enquiries, subject: subjects })
    .from(enquiries)
    .innerJoin(subjects, eq(subjects.id, enquiries.subjectId))
    .where(eq(enquiries.id, enquiryId));
  if (!row) throw new NotFoundError("Enquiry");
  const { enquiry, subject } = row;
  if (subject.erasedAt || !subject.identifierEncrypted) throw new ErasedError();
  const identifier = await decryptField(db, subject.identifierEncrypted, "subjects.identifier");
  const details = enquiry.applicantEncrypted ? await decryptJson<ApplicantDetails>(db, enquiry.applicantEncrypted, APPLICANT_COLUMN) : {};
  const [consent] = await db.select().from(consents).where(eq(consents.enquiryId, enquiryId)).orderBy(desc(consents.createdAt)).limit(1);
  if (!consent || consent.kind !== "granted") throw new Error("no consent on record");

  const common = {
    purpose: "TENANT_SCREENING" as const,
    consent: { reference: consent.id, obtainedAt: consent.obtainedAt.toISOString(), method: CONSENT_METHOD[consent.method] ?? "ELECTRONIC" },
    clientReference: enquiry.id,
  };
  const options = { idempotencyKey: enquiry.id };
  const report =
    enquiry.subjectType === "company"
      ? (await tpn.commercialEnquiry({ ...common, registrationNumber: formatCipc(identifier) }, options)).data
      : (
          await tpn.consumerEnquiry(
            {
              ...common,
              ...(details.passport ? { passport: details.passport } : { idNumber: identifier }),
              ...(details.firstName ? { firstName: details.firstName } : {}),
              ...(details.surname ? { surname: details.surname } : {}),
              ...(details.monthlyRent !== undefined ? { monthlyRent: details.monthlyRent } : {}),
              ...(details.grossMonthlyIncome !== undefined ? { grossMonthlyIncome: details.grossMonthlyIncome } : {}),
            },
            options,
          )
        ).data;

  const found = report.found;
  await db.transaction(async (tx) => {
    await tx
      .insert(bureauRecords)
      .values({ enquiryId, found, reportEncrypted: await encryptJson(tx, subject.dataKeyId, report, BUREAU_REPORT_COLUMN) })
      .onConflictDoNothing({ target: bureauRecords.enquiryId });
    await tx.update(enquiries).set({ billed: true, updatedAt: new Date() }).where(eq(enquiries.id, enquiryId));
  });
  return { found };
}

/** Subjects store the normalised number (digits only); TPN's contract wants YYYY/NNNNNN/NN. */
function formatCipc(identifier: string): string {
  const digits = identifier.replace(/\D/g, "");
  return `${digits.slice(0, 4)}/${digits.slice(4, 10)}/${digits.slice(10, 12)}`;
}

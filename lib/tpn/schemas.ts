/**
 * zod schemas mirroring ../shared/specs/tpn-api.yaml keyword for keyword: `required`, `enum`, `pattern`,
 * `format` (date / date-time are checked as real dates), `minLength` / `maxLength`. Prose in a
 * `description` ("two decimals", "at most 60 months") is not a constraint and is not enforced: a
 * report must not become unreadable over a rounding difference. Properties the spec does not list
 * are dropped (JSON Schema allows them; we do not pass on what we have not validated).
 *
 * The `Spec*` assertions at the bottom fail to compile if these schemas and the types generated from
 * the spec (schema.d.ts) disagree, so regenerating after a spec change points at what to update here.
 */
import { z } from "zod";
import type { components } from "./schema";

type Schemas = components["schemas"];

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
/** ZAR. */
const money = z.number();

// ---------------------------------------------------------------------------------------------------
// Shared

export const TPN_ERROR_CODES = [
  "INVALID_REQUEST",
  "INVALID_ID_NUMBER",
  "INVALID_REGISTRATION_NUMBER",
  "UNAUTHORIZED",
  "PRODUCT_NOT_ENABLED",
  "IDEMPOTENCY_CONFLICT",
  "CONSENT_REQUIRED",
  "RATE_LIMITED",
  "INTERNAL",
  "UNAVAILABLE",
] as const satisfies readonly Schemas["Error"]["error"]["code"][];

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(TPN_ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
    requestId: z.string().optional(),
  }),
});

export const enquiryPurposeSchema = z.enum(["TENANT_SCREENING", "TENANT_MONITORING", "DEBT_COLLECTION"]);

export const consentSchema = z.object({
  reference: z.string(),
  obtainedAt: isoDateTime,
  method: z.enum(["WRITTEN", "ELECTRONIC", "WHATSAPP"]),
});

// ---------------------------------------------------------------------------------------------------
// Requests

export const idempotencyKeySchema = z.string().min(8).max(128);

export const passportSubjectSchema = z.object({
  number: z.string(),
  nationality: z.string(),
  dateOfBirth: isoDate,
});

export const consumerEnquiryRequestSchema = z
  .object({
    idNumber: z.string().regex(/^[0-9]{13}$/, "must be 13 digits").optional(),
    passport: passportSubjectSchema.optional(),
    firstName: z.string().optional(),
    surname: z.string().optional(),
    cellNumber: z.string().optional(),
    monthlyRent: z.number().optional(),
    grossMonthlyIncome: z.number().optional(),
    purpose: enquiryPurposeSchema,
    consent: consentSchema,
    clientReference: z.string().max(64),
  })
  // `oneOf: [required: [idNumber], required: [passport]]`: exactly one of the two.
  .refine((request) => (request.idNumber === undefined) !== (request.passport === undefined), {
    message: "give exactly one of idNumber or passport",
    path: ["idNumber"],
  });

export const commercialEnquiryRequestSchema = z.object({
  registrationNumber: z.string().regex(/^[0-9]{4}\/[0-9]{6}\/[0-9]{2}$/, "must be YYYY/NNNNNN/NN"),
  purpose: enquiryPurposeSchema,
  consent: consentSchema,
  clientReference: z.string().max(64),
});

// ---------------------------------------------------------------------------------------------------
// Reports

const bureauGrade = z.enum(["A", "B", "C", "D", "E", "F"]).nullable();

export const rentalPaymentProfileSchema = z.array(
  z.object({
    reference: z.string(),
    propertyType: z.enum(["RESIDENTIAL", "COMMERCIAL"]).optional(),
    leaseStart: isoDate,
    leaseEnd: isoDate.nullable().optional(),
    monthlyRent: money,
    months: z.array(
      z.object({
        period: z.string().regex(/^[0-9]{4}-[0-9]{2}$/),
        classification: z.enum(["PAID_ON_TIME", "GRACE_PERIOD", "PAID_LATE", "PARTIALLY_PAID", "DID_NOT_PAY"]),
        amountDue: money,
        amountPaid: money,
        paymentDate: isoDate.nullable().optional(),
        balance: money.optional(),
      }),
    ),
  }),
);

export const defaultSchema = z.object({
  creditor: z.string(),
  category: z.enum(["RENTAL", "RETAIL", "TELECOMS", "FINANCE", "UTILITIES", "OTHER"]).optional(),
  amount: money,
  listedAt: isoDate,
  status: z.enum(["ACTIVE", "PAID", "DISPUTED"]),
});

export const judgmentSchema = z.object({
  caseNumber: z.string(),
  court: z.string(),
  plaintiff: z.string(),
  amount: money,
  judgmentDate: isoDate,
  status: z.enum(["ACTIVE", "RESCINDED", "SATISFIED"]),
});

export const noticeSchema = z.object({
  type: z.enum([
    "SEQUESTRATION",
    "REHABILITATION",
    "ADMINISTRATION_ORDER",
    "DEBT_REVIEW",
    "EVICTION_ORDER",
    "SUMMONS",
    "LIQUIDATION",
    "BUSINESS_RESCUE",
  ]),
  date: isoDate,
  reference: z.string().optional(),
  court: z.string().optional(),
  status: z.enum(["ACTIVE", "WITHDRAWN", "COMPLETED"]),
});

export const creditExposureSchema = z.object({
  openAccounts: z.int().optional(),
  totalBalance: money.optional(),
  monthlyInstalments: money.optional(),
  arrearsAmount: money.optional(),
  worstArrearsMonths: z.int().optional(),
});

export const fraudAlertSchema = z.object({
  source: z.string(),
  type: z.enum(["IMPERSONATION", "FRAUDULENT_APPLICATION", "PROTECTIVE_REGISTRATION"]),
  date: isoDate,
});

export const reportHeaderSchema = z.object({
  enquiryId: z.string(),
  generatedAt: isoDateTime,
  found: z.boolean(),
  billing: z.object({
    chargeable: z.boolean(),
    reference: z.string(),
    amount: money.optional(),
  }),
});

export const consumerReportSchema = reportHeaderSchema.extend({
  subject: z
    .object({
      firstName: z.string().optional(),
      surname: z.string().optional(),
      dateOfBirth: isoDate.optional(),
      idVerification: z
        .object({
          code: z.enum(["V0", "V1", "V2", "V3", "V4"]),
          description: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  bureauGrade: bureauGrade.optional(),
  rentalPaymentProfile: rentalPaymentProfileSchema.optional(),
  defaults: z.array(defaultSchema).optional(),
  judgments: z.array(judgmentSchema).optional(),
  notices: z.array(noticeSchema).optional(),
  creditExposure: creditExposureSchema.optional(),
  fraudAlerts: z.array(fraudAlertSchema).optional(),
  addresses: z.array(z.object({ line: z.string().optional(), lastReported: isoDate.optional() })).optional(),
  employers: z.array(z.object({ name: z.string().optional(), lastReported: isoDate.optional() })).optional(),
  directorships: z
    .array(
      z.object({
        companyName: z.string().optional(),
        registrationNumber: z.string().optional(),
        status: z.enum(["ACTIVE", "RESIGNED"]).optional(),
        appointedAt: isoDate.optional(),
      }),
    )
    .optional(),
});

export const commercialReportSchema = reportHeaderSchema.extend({
  company: z
    .object({
      name: z.string().optional(),
      registrationNumber: z.string().optional(),
      type: z.string().optional(),
      status: z.enum(["IN_BUSINESS", "DEREGISTERED", "IN_LIQUIDATION", "IN_BUSINESS_RESCUE", "FINAL_DEREGISTRATION"]).optional(),
      registeredAt: isoDate.optional(),
    })
    .optional(),
  directors: z
    .array(
      z.object({
        name: z.string().optional(),
        idNumberLast4: z.string().optional(),
        appointedAt: isoDate.optional(),
        adverse: z.boolean().optional(),
      }),
    )
    .optional(),
  bureauGrade: bureauGrade.optional(),
  rentalPaymentProfile: rentalPaymentProfileSchema.optional(),
  defaults: z.array(defaultSchema).optional(),
  judgments: z.array(judgmentSchema).optional(),
  notices: z.array(noticeSchema).optional(),
});

// ---------------------------------------------------------------------------------------------------
// Compile-time agreement with the generated types (mutual assignability).

type Agrees<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const _specError: Agrees<z.infer<typeof errorBodySchema>, Schemas["Error"]> = true;
const _specConsumerReport: Agrees<z.infer<typeof consumerReportSchema>, Schemas["ConsumerReport"]> = true;
const _specCommercialReport: Agrees<z.infer<typeof commercialReportSchema>, Schemas["CommercialReport"]> = true;
const _specCommercialRequest: Agrees<z.infer<typeof commercialEnquiryRequestSchema>, Schemas["CommercialEnquiryRequest"]> = true;
// The generated request type loses the oneOf (it becomes `& (unknown | unknown)`), so one direction only.
const _specConsumerRequest: z.infer<typeof consumerEnquiryRequestSchema> extends Schemas["ConsumerEnquiryRequest"] ? true : false = true;

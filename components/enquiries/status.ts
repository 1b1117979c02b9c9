import type { EnquiryStatus } from "@/db/schema";

/** Every status an enquiry can have, in workflow order (mirrors db/schema's enum; type-checked against it). */
export const ENQUIRY_STATUSES = [
  "awaiting_consent",
  "queued",
  "fetching",
  "scoring",
  "rendering",
  "ready",
  "failed",
  "expired",
] as const satisfies readonly EnquiryStatus[];

export const FINAL_STATUSES: readonly EnquiryStatus[] = ["ready", "failed", "expired"];

export function isFinalStatus(status: EnquiryStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function isEnquiryStatus(value: unknown): value is EnquiryStatus {
  return typeof value === "string" && (ENQUIRY_STATUSES as readonly string[]).includes(value);
}

interface StatusMeta {
  label: string;
  /** Badge colours: one hue per status so a list can be scanned at a glance. */
  badge: string;
}

export const STATUS_META: Record<EnquiryStatus, StatusMeta> = {
  awaiting_consent: { label: "Awaiting consent", badge: "border-amber-200 bg-amber-50 text-amber-900" },
  queued: { label: "Queued", badge: "border-slate-200 bg-slate-100 text-slate-800" },
  fetching: { label: "Fetching from TPN", badge: "border-sky-200 bg-sky-50 text-sky-900" },
  scoring: { label: "Assessing risk", badge: "border-indigo-200 bg-indigo-50 text-indigo-900" },
  rendering: { label: "Preparing report", badge: "border-violet-200 bg-violet-50 text-violet-900" },
  ready: { label: "Ready", badge: "border-emerald-200 bg-emerald-100 text-emerald-900" },
  failed: { label: "Failed", badge: "border-red-200 bg-red-100 text-red-800" },
  expired: { label: "Expired", badge: "border-stone-300 bg-stone-100 text-stone-700" },
};

export const CONSENT_METHOD_LABELS: Record<string, string> = {
  signed_form: "Signed consent form",
  electronic: "Electronically (email or web form)",
  whatsapp: "WhatsApp message",
  applicant_link: "The applicant, through the TenantLens link",
};

export const IDENTIFIER_KIND_LABELS: Record<string, string> = {
  "sa-id": "SA ID number",
  passport: "Passport number",
  cipc: "Registration number",
};

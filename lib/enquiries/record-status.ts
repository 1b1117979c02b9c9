import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { enquiries, enquiryEvents, TERMINAL_STATUSES, type EnquiryStatus } from "@/db/schema";
import { enqueueEvent } from "@/lib/outbox/enqueue-event";
import { recordAuditEvent, SYSTEM_AUDIT_CONTEXT, type AuditContext } from "@/lib/audit/record-audit-event";
import type { EnquiryAudience } from "./publish-status";

export const STATUS_MESSAGES: Record<EnquiryStatus, string> = {
  awaiting_consent: "Waiting for the applicant to give consent.",
  queued: "Consent on record. Queued for the TPN check.",
  fetching: "Requesting the applicant's record from TPN.",
  scoring: "TPN record received. Assessing the risk.",
  rendering: "Preparing the report.",
  ready: "The report is ready.",
  failed: "The check could not be completed.",
  expired: "The applicant did not give consent within 7 days.",
};

/**
 * Moves an enquiry to a new status with its timeline entry and audit event, in the caller's
 * transaction. A finished enquiry never moves again, so a late retry cannot undo an outcome.
 * Returns who may hear of the move (for publishStatus, read in the same query), or null when the
 * enquiry was already finished (or does not exist) and nothing moved.
 */
export async function recordStatus(
  tx: DbExecutor,
  enquiryId: string,
  status: EnquiryStatus,
  options: { message?: string; failureCode?: string; audit?: AuditContext } = {},
): Promise<EnquiryAudience | null> {
  const [current] = await tx
    .select({ status: enquiries.status, organisationId: enquiries.organisationId, requestedBy: enquiries.requestedBy })
    .from(enquiries)
    .where(eq(enquiries.id, enquiryId));
  if (!current || TERMINAL_STATUSES.includes(current.status)) return null;
  const now = new Date();
  const terminal = TERMINAL_STATUSES.includes(status);
  const message = options.message ?? STATUS_MESSAGES[status];
  await tx
    .update(enquiries)
    .set({
      status,
      updatedAt: now,
      ...(terminal ? { completedAt: now } : {}),
      ...(status === "failed" ? { failureCode: options.failureCode ?? "FAILED", failureMessage: message } : {}),
    })
    .where(eq(enquiries.id, enquiryId));
  await tx.insert(enquiryEvents).values({ enquiryId, status, message });
  // Channels beyond the web (WhatsApp) learn of the outcome from this event, committed with it.
  if (terminal) await enqueueEvent(tx, "enquiry/finished", { enquiryId, organisationId: current.organisationId });
  await recordAuditEvent(tx, options.audit ?? { ...SYSTEM_AUDIT_CONTEXT, organisationId: current.organisationId }, {
    action: `enquiry.status.${status}`,
    resourceType: "enquiry",
    resourceId: enquiryId,
    metadata: options.failureCode ? { failureCode: options.failureCode } : {},
  });
  return { id: enquiryId, organisationId: current.organisationId, requestedBy: current.requestedBy };
}

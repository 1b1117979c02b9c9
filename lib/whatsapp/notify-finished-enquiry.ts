import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { enquiries, whatsappContacts, whatsappLinks } from "@/db/schema";
import { canAccess, type Actor } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { getReport } from "@/lib/reports/read-report";
import { downloadReportPdf } from "@/lib/reports/report-pdf-file";
import { text } from "./bot-messages";
import { getGraphClient } from "./graph-client";
import { linkedActor } from "./linked-actor";
import { shortReference } from "./replier";
import { sendWhatsAppMessage, type SendOutcome } from "./send-message";

/**
 * The enquiry ended: its requester hears about it on WhatsApp when the check started there, or when
 * they chose WhatsApp notifications for web checks. A ready report goes as a summary (band, score,
 * top three reasons, masked ID, portal link) and the PDF, only to the requester's own linked number
 * and only while they may read it. Outside the 24-hour window the template says it is waiting.
 */
export async function notifyFinishedEnquiry(db: Database, enquiryId: string): Promise<SendOutcome | "not-linked" | "not-wanted"> {
  const client = getGraphClient();
  if (!client) return "not-configured";
  const [row] = await db
    .select({ enquiry: enquiries, link: whatsappLinks, contact: whatsappContacts })
    .from(enquiries)
    .innerJoin(whatsappLinks, and(eq(whatsappLinks.userId, enquiries.requestedBy), isNull(whatsappLinks.revokedAt)))
    .innerJoin(whatsappContacts, eq(whatsappContacts.id, whatsappLinks.contactId))
    .where(eq(enquiries.id, enquiryId));
  if (!row) return "not-linked";
  const { enquiry, contact } = row;
  if (enquiry.channel !== "whatsapp" && !row.link.notifyWebEnquiries) return "not-wanted";
  const identity = await linkedActor(db, contact);
  if (identity.state !== "linked" || identity.actor.userId !== enquiry.requestedBy) return "not-linked";
  const actor: Actor = identity.actor;
  const reference = shortReference(enquiry.id);
  const portalLink = new URL(`/enquiries/${enquiry.id}`, env.APP_URL).toString();
  const options = { enquiryId, notification: { templateSummary: `check ${reference} has finished` } };

  if (enquiry.status !== "ready") {
    const reason = enquiry.failureMessage ?? "The check could not be completed.";
    return sendWhatsAppMessage(db, contact, text(`Check ${reference} did not complete. ${reason}\nDetails: ${portalLink}`), { ...options, purpose: "notification", dedupeKey: `${enquiryId}:finished` });
  }
  if (!canAccess(actor, "report:read", { organisationId: enquiry.organisationId, ownerUserId: enquiry.requestedBy })) return "not-linked";

  const report = await getReport(db, actor, identity.audit, enquiryId);
  const { risk, report: view } = report;
  const reasons = view.risk.reasons.slice(0, 3).map((reason) => `• ${reason.sentence}`);
  const summary = [
    `Report ${reference} is ready${enquiry.reference ? ` (${enquiry.reference})` : ""}.`,
    `${view.subject.name}, ${view.subject.identifierLabel} ${view.subject.maskedIdentifier}`,
    `Risk: ${view.risk.bandLabel}, score ${risk.score}/100`,
    `Recommendation: ${view.risk.recommendation.label}`,
    ...(reasons.length > 0 ? ["", "Main reasons:", ...reasons] : []),
    "",
    `Full report: ${portalLink}`,
    "The recommendation is advice; the decision is yours.",
  ].join("\n");
  const sent = await sendWhatsAppMessage(db, contact, text(summary), { ...options, purpose: "report", dedupeKey: `${enquiryId}:summary` });
  if (sent === "opted-out" || sent === "failed") return sent;

  if (!report.pdfAvailable || !canAccess(actor, "report:download", { organisationId: enquiry.organisationId, ownerUserId: enquiry.requestedBy })) return sent;
  const pdf = await downloadReportPdf(db, actor, identity.audit, enquiryId);
  const { mediaId } = await client.uploadMedia(pdf.bytes, "application/pdf", pdf.filename);
  return sendWhatsAppMessage(
    db,
    contact,
    { type: "document", mediaId, filename: pdf.filename, caption: `Risk report ${reference}. Confidential: for tenant screening only.` },
    { ...options, purpose: "report", dedupeKey: `${enquiryId}:pdf` },
  );
}

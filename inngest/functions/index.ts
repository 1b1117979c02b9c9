import { buildReport } from "./build-report";
import { deliverSupportReplyFunction } from "./deliver-support-reply";
import { eraseExpiredSubjects } from "./erase-expired-subjects";
import { handleWhatsAppMessage } from "./handle-whatsapp-message";
import { handleWhatsAppStatus } from "./handle-whatsapp-status";
import { notifyWhatsApp } from "./notify-whatsapp";
import { processEnquiry } from "./process-enquiry";
import { pruneSessionsNightly } from "./prune-sessions";
import { redispatchOutbox } from "./redispatch-outbox";
import { verifyAuditChainNightly } from "./verify-audit-chain";

/** Every function the app serves at /api/inngest. */
export const functions = [processEnquiry, buildReport, redispatchOutbox, verifyAuditChainNightly, pruneSessionsNightly, eraseExpiredSubjects, handleWhatsAppMessage, handleWhatsAppStatus, notifyWhatsApp, deliverSupportReplyFunction];

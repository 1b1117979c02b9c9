import { buildReport } from "./build-report";
import { processEnquiry } from "./process-enquiry";
import { redispatchOutbox } from "./redispatch-outbox";
import { verifyAuditChainNightly } from "./verify-audit-chain";

/** Every function the app serves at /api/inngest. */
export const functions = [processEnquiry, buildReport, redispatchOutbox, verifyAuditChainNightly];

import { verifyAuditChainNightly } from "./verify-audit-chain";

/** Every function the app serves at /api/inngest. */
export const functions = [verifyAuditChainNightly];

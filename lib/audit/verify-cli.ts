import { getDatabaseHandle } from "@/db";
import { logger } from "@/lib/logger";
import { verifyAuditChain } from "./verify-audit-chain";

const handle = await getDatabaseHandle();
const verdict = await verifyAuditChain(handle.db);
await handle.close();
if (verdict.ok) {
  logger.info({ checked: verdict.checked, headHash: verdict.headHash }, "audit chain intact");
} else {
  logger.error(verdict, "audit chain broken: a row was changed or removed outside the app");
  process.exitCode = 1;
}

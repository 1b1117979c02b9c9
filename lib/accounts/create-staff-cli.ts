/**
 * npm run create-admin -- --email ops@tenantlens.co.za --name "Ops Admin" [--role support_agent]
 * Reads the password from standard input (never from argv, which other users can see in `ps`).
 */
import { parseArgs } from "node:util";
import { getDatabaseHandle } from "@/db";
import { createStaffUser, staffUserSchema } from "@/lib/admin/create-staff-user";
import { logger } from "@/lib/logger";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "admin" } } });
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const password = Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");

const input = staffUserSchema.safeParse({ ...values, password });
if (!input.success) {
  process.stderr.write(`create-admin: ${input.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}\n`);
  process.exit(2);
}
const handle = await getDatabaseHandle();
try {
  const { id } = await createStaffUser(handle.db, undefined, { actorType: "system", channel: "system" }, input.data);
  logger.info({ userId: id, role: input.data.role }, "staff user created; they enrol MFA at first sign-in");
} catch (error) {
  process.stderr.write(`create-admin: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await handle.close();
}

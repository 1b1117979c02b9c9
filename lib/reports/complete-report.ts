import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { enquiries, users } from "@/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { notifyUser } from "@/lib/notifications/notify-user";
import { dispatchOutbox } from "@/lib/outbox/dispatch-outbox";
import { publishStatus } from "@/lib/enquiries/publish-status";
import { recordStatus, STATUS_MESSAGES } from "@/lib/enquiries/record-status";

/**
 * The enquiry is ready: live update for open pages, an in-app notification, and an email with a link
 * to the report (never the report itself, nor the applicant's name, in the email).
 */
export async function completeReport(db: Database, enquiryId: string): Promise<void> {
  const [row] = await db
    .select({ requestedBy: enquiries.requestedBy, reference: enquiries.reference, email: users.email, name: users.name })
    .from(enquiries)
    .innerJoin(users, eq(users.id, enquiries.requestedBy))
    .where(eq(enquiries.id, enquiryId));
  if (!row) return;
  const link = `/enquiries/${enquiryId}`;
  const label = row.reference ? `"${row.reference}"` : `enquiry ${enquiryId.slice(0, 8)}`;
  const moved = await db.transaction(async (tx) => {
    const changed = await recordStatus(tx, enquiryId, "ready");
    if (changed) await notifyUser(tx, row.requestedBy, { kind: "report.ready", title: `The report for ${label} is ready`, link });
    return changed;
  });
  if (!moved) return;
  await dispatchOutbox(db).catch(() => undefined);
  await publishStatus(moved, "ready", STATUS_MESSAGES.ready);
  await sendEmail({
    to: row.email,
    subject: "Your TenantLens report is ready",
    text: `Hi ${row.name},\n\nThe risk report for ${label} is ready. Sign in to read it:\n${new URL(link, env.APP_URL).toString()}\n\nFor the applicant's privacy this email does not contain the report.\n— TenantLens`,
  }).catch(() => logger.warn({ enquiryId }, "report-ready email not sent; the in-app notification stands"));
}

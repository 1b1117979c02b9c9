import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { enquiries, users } from "@/db/schema";
import { enquiryEndedMessage } from "@/lib/email/templates";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { notifyUser } from "@/lib/notifications/notify-user";

const TITLES = {
  failed: (short: string) => `Enquiry ${short} could not be completed`,
  expired: (short: string) => `Enquiry ${short} expired without consent`,
} as const;

/**
 * The one way an enquiry that ended without a report reaches its requester: an in-app notification
 * (pushed live) and an email with a link. Neither carries personal data. Call it only where the status
 * actually moved to failed/expired (recordStatus returned true), so each enquiry notifies once.
 * Never throws: the outcome is already stored and shown on the enquiry page.
 */
export async function notifyEnquiryEnded(db: Database, enquiryId: string, outcome: "failed" | "expired"): Promise<void> {
  try {
    const [row] = await db
      .select({ requestedBy: enquiries.requestedBy, email: users.email, name: users.name })
      .from(enquiries)
      .innerJoin(users, eq(users.id, enquiries.requestedBy))
      .where(eq(enquiries.id, enquiryId));
    if (!row) return;
    const link = `/enquiries/${enquiryId}`;
    await notifyUser(db, row.requestedBy, { kind: `enquiry.${outcome}`, title: TITLES[outcome](enquiryId.slice(0, 8)), link });
    await sendEmail(enquiryEndedMessage(row.email, row.name, enquiryId, outcome, new URL(link, env.APP_URL).toString())).catch(() =>
      logger.warn({ enquiryId, outcome }, "enquiry-ended email not sent; the in-app notification stands"),
    );
  } catch (error) {
    logger.error({ enquiryId, outcome, err: error instanceof Error ? error.message : "unknown" }, "enquiry-ended notification failed");
  }
}

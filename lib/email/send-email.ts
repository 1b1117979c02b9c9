import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { ServiceUnavailableError } from "@/lib/api/errors";
import { logger } from "@/lib/logger";

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

const globalForMail = globalThis as unknown as { tenantlensMailer?: Transporter };

function transporter(): Transporter {
  if (!env.SMTP_URL) throw new ServiceUnavailableError("Email is not configured (SMTP_URL).");
  globalForMail.tenantlensMailer ??= nodemailer.createTransport(env.SMTP_URL);
  return globalForMail.tenantlensMailer;
}

/** Sends over SMTP (SMTP_URL): the provider in production, the local mail stand-in in development. */
export async function sendEmail(message: EmailMessage): Promise<void> {
  try {
    await transporter().sendMail({ from: env.EMAIL_FROM, ...message });
  } catch (error) {
    // SMTP errors quote recipient addresses: log only the code.
    const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
    logger.error({ code }, "email could not be sent");
    throw new ServiceUnavailableError("We could not send the email just now. Please try again in a minute.", { cause: error });
  }
}

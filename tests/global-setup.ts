import { startMailStandIn } from "@/dev/mail/server";

/**
 * One mail stand-in for the whole run, on free ports (two runs on one machine never collide). Test
 * workers are forked after this, so they inherit SMTP_URL and DEV_MAIL_OUTBOX_URL; each test reads
 * only the mails sent to its own addresses.
 */
export default async function setup() {
  process.env.LOG_LEVEL = "silent";
  const mail = await startMailStandIn({ smtpPort: 0, httpPort: 0 });
  process.env.SMTP_URL = mail.smtpUrl;
  process.env.DEV_MAIL_OUTBOX_URL = mail.outboxUrl;
  return () => mail.close();
}

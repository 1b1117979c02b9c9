import { startMailStandIn } from "@/dev/mail/server";
import { TEST_MAIL_HTTP_PORT, TEST_MAIL_SMTP_PORT } from "./test-ports";

/** One mail stand-in for the whole run; each test reads only the mails sent to its own addresses. */
export default async function setup() {
  process.env.LOG_LEVEL = "silent";
  const mail = await startMailStandIn({ smtpPort: TEST_MAIL_SMTP_PORT, httpPort: TEST_MAIL_HTTP_PORT });
  return () => mail.close();
}

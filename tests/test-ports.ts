/** Fixed ports for services shared by the whole test run, away from the dev runner's defaults. */
export const TEST_MAIL_SMTP_PORT = 11025;
export const TEST_MAIL_HTTP_PORT = 11080;

import pino from "pino";
import { env } from "@/lib/env";

/**
 * Structured JSON logs. Personal data and secrets are redacted by key wherever they appear, so a
 * careless `logger.info({ subject })` still cannot leak an ID number, a name or a token.
 */
export const REDACTED_KEYS = [
  "idNumber",
  "id_number",
  "registrationNumber",
  "passport",
  "firstName",
  "surname",
  "name",
  "email",
  "phone",
  "password",
  "token",
  "secret",
  "authorization",
  "cookie",
  "totp",
  "plaintext",
  "text",
  "message_body",
];

const redactPaths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export function createLogger(destination?: pino.DestinationStream) {
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { service: "tenantlens" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...redactPaths, 'req.headers["x-api-key"]'], censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

const globalForLogger = globalThis as unknown as { tenantlensLogger?: pino.Logger };
export const logger = globalForLogger.tenantlensLogger ?? createLogger();
if (env.NODE_ENV !== "production") globalForLogger.tenantlensLogger = logger;

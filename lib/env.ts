import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/**
 * Every environment variable the app reads, validated once. With no configuration at all the dev
 * runner (`npm run dev`) supplies generated dev keys and the local stand-ins' addresses; production
 * must supply real values and refuses to start (instrumentation.ts) naming each one that is missing.
 */
const isProduction = process.env.NODE_ENV === "production";

const base64Key = (bytes: number) =>
  z.string().refine((value) => Buffer.from(value, "base64").length === bytes, {
    message: `must be ${bytes} random bytes, base64-encoded`,
  });

const keyRing = z.string().refine(
  (value) => {
    const entries = value.split(",").map((entry) => entry.trim().split(":"));
    const ids = entries.map(([id]) => id);
    return (
      entries.length > 0 &&
      new Set(ids).size === ids.length &&
      entries.every(
        ([id, key, ...rest]) =>
          rest.length === 0 && /^[A-Za-z0-9_-]{1,32}$/.test(id ?? "") && Buffer.from(key ?? "", "base64").length === 32,
      )
    );
  },
  { message: "must be `keyId:base64(32 bytes)` entries separated by commas, newest first, ids unique" },
);

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((value) => value === "1" || value === "true");

/** A secret the hosted deployment must have; in dev the runner points it at a stand-in. */
const hostedSecret = <T extends z.ZodType>(schema: T) => (isProduction ? schema : schema.optional());

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    APP_URL: z.url().default("http://localhost:3000"),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),

    DATABASE_URL: z.url().optional(),
    PGLITE_DIR: z.string().default(".data/pglite"),
    NEON_LOCAL_PROXY: z
      .string()
      .regex(/^[\w.-]+:\d+$/, "must be host:port of the local WebSocket proxy")
      .optional(),

    AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
    ENCRYPTION_KEYS: keyRing,
    BLIND_INDEX_KEY: base64Key(32),

    SMTP_URL: hostedSecret(z.url()),
    EMAIL_FROM: z.string().default("TenantLens <no-reply@tenantlens.co.za>"),
    /** Dev only: the local mail stand-in's HTTP API, read by /dev/mail; unset in production. */
    DEV_MAIL_OUTBOX_URL: z.url().optional(),

    /**
     * Days an applicant's personal data is kept after their most recent enquiry ended; the nightly
     * retention sweep then erases it (docs/architecture.md, "Right to be forgotten"). 730 days: the
     * two years a credit bureau keeps an enquiry on record (National Credit Regulations, reg. 17).
     */
    SUBJECT_RETENTION_DAYS: z.coerce.number().int().min(30, "must be at least 30 days").max(3650, "must be at most 3650 days (10 years)").default(730),

    /** Where sealed report PDFs are kept: a local directory, or any S3-compatible bucket when S3_BUCKET is set. */
    REPORT_STORAGE_DIR: z.string().default(".data/reports"),
    S3_BUCKET: z.string().optional(),
    S3_REGION: z.string().default("af-south-1"),
    S3_ENDPOINT: z.url().optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: flag,

    UPSTASH_REDIS_REST_URL: hostedSecret(z.url()),
    UPSTASH_REDIS_REST_TOKEN: hostedSecret(z.string().min(1)),

    INNGEST_BASE_URL: z.url().optional(),
    INNGEST_DEV: flag,
    INNGEST_EVENT_KEY: isProduction ? z.string().min(1) : z.string().default("local"),
    INNGEST_SIGNING_KEY: hostedSecret(z.string().min(1)),

    TPN_API_URL: hostedSecret(z.url()),
    TPN_API_KEY: hostedSecret(z.string().min(1)),
    TPN_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(8_000),
    TPN_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(1).max(1_000).default(5),
    /** Transient failures in a row before the circuit opens, and how long it stays open. */
    TPN_BREAKER_FAILURE_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
    TPN_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),

    PUSHER_APP_ID: hostedSecret(z.string().min(1)),
    PUSHER_KEY: hostedSecret(z.string().min(1)),
    PUSHER_SECRET: hostedSecret(z.string().min(1)),
    PUSHER_CLUSTER: z.string().default("mt1"),
    PUSHER_HOST: z.string().optional(),
    PUSHER_PORT: z.coerce.number().int().positive().optional(),
    PUSHER_USE_TLS: flag,

    /** Meta WhatsApp Cloud API: the Graph API base including its version, and the business number. */
    WHATSAPP_API_URL: z.url().default("https://graph.facebook.com/v23.0"),
    WHATSAPP_PHONE_NUMBER_ID: hostedSecret(z.string().regex(/^\d{5,20}$/, "must be the numeric phone number id from Meta")),
    /** The business number people write to, digits only (shown in "send LINK 123456 to ..."). */
    WHATSAPP_DISPLAY_NUMBER: z.string().regex(/^\d{8,15}$/, "must be the number's digits, country code first").optional(),
    WHATSAPP_ACCESS_TOKEN: hostedSecret(z.string().min(1)),
    /** Signs Meta's webhook deliveries (X-Hub-Signature-256). */
    WHATSAPP_APP_SECRET: hostedSecret(z.string().min(16, "must be the app secret from the Meta app dashboard")),
    /** Echoed back during webhook subscription (hub.verify_token). */
    WHATSAPP_VERIFY_TOKEN: hostedSecret(z.string().min(16, "must be at least 16 characters")),
    /** Approved template (one body parameter) used outside the 24-hour customer service window. */
    WHATSAPP_TEMPLATE_UPDATE: z.string().default("tenantlens_update"),
    /** Approved template asking an applicant for consent: body {{1}} organisation, {{2}} masked ID, {{3}} notice link; quick replies "I consent" / "I do not consent". */
    WHATSAPP_TEMPLATE_CONSENT: z.string().default("tenantlens_consent_request"),
    WHATSAPP_TEMPLATE_LANGUAGE: z.string().default("en"),
  },
  client: {
    NEXT_PUBLIC_PUSHER_KEY: z.string().optional(),
    NEXT_PUBLIC_PUSHER_CLUSTER: z.string().default("mt1"),
    NEXT_PUBLIC_PUSHER_HOST: z.string().optional(),
    NEXT_PUBLIC_PUSHER_PORT: z.coerce.number().int().positive().optional(),
    NEXT_PUBLIC_PUSHER_FORCE_TLS: flag,
  },
  experimental__runtimeEnv: {
    NEXT_PUBLIC_PUSHER_KEY: process.env.NEXT_PUBLIC_PUSHER_KEY,
    NEXT_PUBLIC_PUSHER_CLUSTER: process.env.NEXT_PUBLIC_PUSHER_CLUSTER,
    NEXT_PUBLIC_PUSHER_HOST: process.env.NEXT_PUBLIC_PUSHER_HOST,
    NEXT_PUBLIC_PUSHER_PORT: process.env.NEXT_PUBLIC_PUSHER_PORT,
    NEXT_PUBLIC_PUSHER_FORCE_TLS: process.env.NEXT_PUBLIC_PUSHER_FORCE_TLS,
  },
  emptyStringAsUndefined: true,
  // Name each variable and what is wrong with it; zod's messages never echo the value itself.
  onValidationError: (issues) => {
    const problems = issues.map((issue) => `${issue.path?.map(String).join(".") ?? "?"}: ${issue.message}`);
    throw new Error(`Invalid environment variables: ${problems.join("; ")}`);
  },
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
});

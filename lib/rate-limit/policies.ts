import type { Duration } from "@upstash/ratelimit";

/**
 * Every rate limit the app applies, by name. All are sliding windows (Upstash's weighted two-window
 * approximation): smoother than fixed windows at the boundary, two counters per key.
 *
 * Keys are chosen by the caller (an IP, an account identifier, a phone number, a user id) and hashed
 * before they reach Redis (see ./hash-key.ts). Numbers are per key per window.
 */
export type RateLimitAlgorithm = "sliding-window";

export interface RateLimitPolicy<Name extends string = string> {
  readonly name: Name;
  /** Requests allowed per window. */
  readonly limit: number;
  /** Upstash duration syntax: "60 s", "15 m", "1 h". */
  readonly window: Duration;
  readonly algorithm: RateLimitAlgorithm;
}

const policy = <Name extends string>(name: Name, limit: number, window: Duration): RateLimitPolicy<Name> => ({
  name,
  limit,
  window,
  algorithm: "sliding-window",
});

export const RATE_LIMIT_POLICIES = {
  /**
   * Any API route without a tighter policy, per client (user id when signed in, IP otherwise).
   * A busy dashboard fires a handful of calls per page; 2 requests/second sustained leaves room for
   * that while stopping scripted scraping.
   */
  "api:default": policy("api:default", 120, "60 s"),

  /**
   * Sign-in attempts per source IP. Offices and mobile carriers put many people behind one address
   * (carrier-grade NAT), so this is generous; it exists to slow credential stuffing from one host.
   */
  "auth:login-ip": policy("auth:login-ip", 20, "15 m"),

  /**
   * Sign-in attempts per account (normalised email), from any IP. This is the one that stops
   * password guessing spread across many IPs: 5 per 15 minutes (OWASP's range) still forgives typos.
   * It is a sliding window, not a lockout, so an attacker can only delay the real user, never lock
   * them out for good.
   */
  "auth:login-account": policy("auth:login-account", 5, "15 m"),

  /**
   * Public account forms per source IP: registration, password-reset requests, invitation acceptance,
   * email verification. Each sends an email or does password hashing, so they must not be a free
   * amplifier or a hashing DoS; a person rarely needs more than a few tries.
   */
  "auth:public-form": policy("auth:public-form", 10, "15 m"),

  /**
   * New tenant-screening enquiries per user. Each one starts paid, slow checks and notifies people,
   * so a burst is more likely a bug or abuse than real work: 10 an hour is far above normal use.
   */
  "enquiry:create": policy("enquiry:create", 10, "1 h"),

  /**
   * Inbound WhatsApp messages per sender number. People do not type faster than a message every
   * couple of seconds; this stops a looping bot or a flood from one number filling the queue.
   * The webhook handler should still answer 200 when this trips (Meta retries otherwise) and drop the work.
   */
  "whatsapp:inbound": policy("whatsapp:inbound", 30, "60 s"),

  /**
   * New enquiries per organisation, across all its members: a backstop against a compromised account
   * or a runaway integration in a large agency; the Property Manager's monthly cap is the business limit.
   */
  "enquiry:create-org": policy("enquiry:create-org", 200, "1 h"),

  /** WhatsApp link codes a user may ask for (each sends a message or reserves a code). */
  "whatsapp:link-code": policy("whatsapp:link-code", 5, "15 m"),

  /**
   * "LINK <code>" attempts per WhatsApp number. Codes are 6 digits, so this (not the code length) is
   * what makes guessing someone's live code hopeless: 5 tries an hour against a million values.
   */
  "whatsapp:link-attempt": policy("whatsapp:link-attempt", 5, "1 h"),

  /**
   * Current-password checks per account (changing email, password or MFA, setting the WhatsApp PIN).
   * Someone holding a stolen session must not be able to guess the password through these forms; the
   * owner rarely mistypes it more than a few times.
   */
  "account:reauthenticate": policy("account:reauthenticate", 5, "15 m"),

  /** Support messages per user: a conversation, not a paste of 100 messages. */
  "support:message": policy("support:message", 20, "10 m"),
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;

export const RATE_LIMIT_POLICY_NAMES = Object.keys(RATE_LIMIT_POLICIES) as RateLimitPolicyName[];

export function isRateLimitPolicyName(value: string): value is RateLimitPolicyName {
  return Object.hasOwn(RATE_LIMIT_POLICIES, value);
}

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Milliseconds in a window, parsed exactly as @upstash/ratelimit parses it (`ms()` in its dist). */
export function windowToMs(window: Duration): number {
  const match = /^(\d+(?:\.\d+)?)\s?(ms|s|m|h|d|w)$/.exec(window);
  const amount = match?.[1];
  const unit = match?.[2] as keyof typeof UNIT_MS | undefined;
  if (amount === undefined || unit === undefined) throw new Error(`Unable to parse window size: ${window}`);
  const result = Math.round(Number.parseFloat(amount) * UNIT_MS[unit]);
  if (result < 1) throw new Error(`Window size must be at least 1 ms, got: ${window}`);
  return result;
}

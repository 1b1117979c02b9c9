/**
 * When the durable workflow should try TPN again. The client itself never retries (a retry inside a
 * workflow step would hide attempts from the workflow's own accounting and could outlive the step).
 *
 * Delays grow exponentially with "equal jitter" (half fixed, half random), so a burst of failed
 * enquiries does not come back in lock-step, and never below TPN's own instructions: a 429's
 * Retry-After, or the time until an open breaker lets a trial call through.
 */
import { TpnRateLimitedError, TpnTransientError, TpnUnavailableError } from "./errors";

export interface BackoffOptions {
  /** Delay before the first retry, before jitter. Default 1 s. */
  baseMs?: number;
  /** Ceiling of the exponential part. Default 60 s. */
  maxMs?: number;
  /** Upper bound of the jitter added on top of a Retry-After. Default 1 s. */
  retryAfterJitterMs?: number;
  /** Injectable for tests; returns [0, 1). */
  random?: () => number;
}

const DEFAULTS = { baseMs: 1_000, maxMs: 60_000, retryAfterJitterMs: 1_000 } as const;

/** Exponential backoff with equal jitter. `attempt` is the 1-based number of the attempt that failed. */
export function backoffDelayMs(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = DEFAULTS.baseMs, maxMs = DEFAULTS.maxMs, random = Math.random } = options;
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Milliseconds to wait before retrying after `error`, or `null` when retrying cannot help (a rejected
 * request, an unreadable response, or anything that is not a TPN error).
 */
export function retryDelayForTpnError(error: unknown, attempt: number, options: BackoffOptions = {}): number | null {
  const random = options.random ?? Math.random;
  const jitter = Math.round(random() * (options.retryAfterJitterMs ?? DEFAULTS.retryAfterJitterMs));
  if (error instanceof TpnRateLimitedError) return error.retryAfterSeconds * 1000 + jitter;
  if (error instanceof TpnUnavailableError) return Math.max(error.retryAfterMs + jitter, backoffDelayMs(attempt, options));
  if (error instanceof TpnTransientError) return backoffDelayMs(attempt, options);
  return null;
}

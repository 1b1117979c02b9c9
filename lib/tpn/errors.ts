/**
 * What can go wrong calling TPN, as types the durable workflow can branch on. `retryable` is the only
 * thing it needs to decide: retry (with `retryDelayForTpnError`, see backoff.ts) or give up.
 *
 * Messages never contain request or response bodies: TPN's bodies hold ID numbers, names and bureau
 * data, and errors end up in logs. TPN's own error message is kept apart in `tpnMessage` for the same
 * reason: it may echo what we sent ("ID number 800101... is not valid").
 */
import type { RateLimitInfo, TpnErrorCode } from "./types";

interface TpnErrorDetails {
  status?: number;
  rateLimit?: RateLimitInfo | null;
  requestId?: string;
  cause?: unknown;
}

export abstract class TpnError extends Error {
  abstract readonly retryable: boolean;
  /** The HTTP status TPN answered, when it answered at all. */
  readonly status: number | undefined;
  readonly rateLimit: RateLimitInfo | null;
  /** TPN's `error.requestId`, for their support desk. */
  readonly requestId: string | undefined;

  constructor(message: string, details: TpnErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.rateLimit = details.rateLimit ?? null;
    this.requestId = details.requestId;
  }
}

export type TransientReason = "server_error" | "request_timeout" | "timeout" | "network";

/** TPN may well answer if asked again: 5xx, 408, our own timeout, or no connection at all. */
export class TpnTransientError extends TpnError {
  readonly retryable = true;
  readonly reason: TransientReason;
  /** TPN's error code (INTERNAL, UNAVAILABLE) when the body was a contract error body. */
  readonly tpnCode: TpnErrorCode | undefined;

  constructor(reason: TransientReason, message: string, details: TpnErrorDetails & { tpnCode?: TpnErrorCode } = {}) {
    super(message, details);
    this.reason = reason;
    this.tpnCode = details.tpnCode;
  }
}

/** 429: over TPN's quota. Retry no sooner than `retryAfterSeconds`. */
export class TpnRateLimitedError extends TpnError {
  readonly retryable = true;
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, details: TpnErrorDetails = {}) {
    super(`TPN rate limit reached; retry after ${retryAfterSeconds} s`, { ...details, status: 429 });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Any other 4xx (and unexpected statuses): asking again with the same request gets the same answer. */
export class TpnRejectedError extends TpnError {
  readonly retryable = false;
  /** TPN's error code when the body was a contract error body. */
  readonly tpnCode: TpnErrorCode | undefined;
  /** TPN's explanation; may echo personal data from the request, so it is not part of `message`. */
  readonly tpnMessage: string | undefined;
  /** The request field TPN objected to, e.g. `idNumber`. */
  readonly field: string | undefined;

  constructor(status: number, details: TpnErrorDetails & { tpnCode?: TpnErrorCode; tpnMessage?: string; field?: string } = {}) {
    super(`TPN rejected the request: HTTP ${status}${details.tpnCode ? ` ${details.tpnCode}` : ""}`, { ...details, status });
    this.tpnCode = details.tpnCode;
    this.tpnMessage = details.tpnMessage;
    this.field = details.field;
  }
}

/** Where in the body the contract was broken; paths and zod issue codes only, never values. */
export interface UnreadableIssue {
  path: string;
  code: string;
}

/**
 * A 2xx whose body is not JSON or does not match the contract. Not retryable: with the same
 * Idempotency-Key TPN replays the very same body.
 */
export class TpnUnreadableResponseError extends TpnError {
  readonly retryable = false;
  readonly issues: readonly UnreadableIssue[];

  constructor(details: TpnErrorDetails & { issues?: readonly UnreadableIssue[] } = {}) {
    super("TPN returned an unreadable response", details);
    this.issues = details.issues ?? [];
  }
}

/** The circuit breaker is open after repeated transient failures; the call was not attempted. */
export class TpnUnavailableError extends TpnError {
  readonly retryable = true;
  /** Milliseconds until the breaker lets a trial call through. */
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number) {
    super("TPN is unavailable: calls are paused after repeated failures");
    this.retryAfterMs = retryAfterMs;
  }
}

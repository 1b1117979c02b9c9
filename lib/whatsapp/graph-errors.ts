/**
 * Meta Graph API error codes (WhatsApp Cloud API "Error codes" page), grouped by what we do about them.
 * - outside-window: 131047, more than 24 h since the person last wrote: send an approved template.
 * - rate-limited: 4, 80007, 130429 (throughput), 131056 (too many to one number): wait and retry.
 * - transient: 1, 2, 131000, 131016 and HTTP 5xx: retry with backoff.
 * - recipient: 131026 (cannot be delivered), 131030 (not in the allowed list), 131050 (user stopped marketing).
 * - auth: 190 (token expired or invalid), 10/200 (permission): an operator must act.
 * - rejected: the request itself is wrong (100, 131008, 131009, 132000, 132001, ...): never retried.
 */
export type GraphErrorOutcome = "outside-window" | "rate-limited" | "transient" | "recipient" | "auth" | "rejected";

const RATE_LIMITED = new Set([4, 80007, 130429, 131056]);
const TRANSIENT = new Set([1, 2, 131000, 131016]);
const RECIPIENT = new Set([131026, 131030, 131050]);
const AUTH = new Set([10, 190, 200]);

export function classifyGraphError(httpStatus: number, code: number | undefined): GraphErrorOutcome {
  if (code === 131047) return "outside-window";
  if (code !== undefined && RATE_LIMITED.has(code)) return "rate-limited";
  if (code !== undefined && RECIPIENT.has(code)) return "recipient";
  if (code !== undefined && AUTH.has(code)) return "auth";
  if (code !== undefined && TRANSIENT.has(code)) return "transient";
  if (httpStatus === 429) return "rate-limited";
  if (httpStatus >= 500 || httpStatus === 0) return "transient";
  return "rejected";
}

export class GraphApiError extends Error {
  readonly outcome: GraphErrorOutcome;

  constructor(
    readonly httpStatus: number,
    readonly code: number | undefined,
    readonly title: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`WhatsApp Graph API ${httpStatus}${code === undefined ? "" : ` code ${code}`}: ${title}`);
    this.name = "GraphApiError";
    this.outcome = classifyGraphError(httpStatus, code);
  }

  get retryable(): boolean {
    return this.outcome === "transient" || this.outcome === "rate-limited";
  }
}

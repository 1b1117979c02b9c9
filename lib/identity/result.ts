/**
 * Identity validators return a result instead of throwing: a form wants every message, a service wants
 * a ValidationError (see to-validation-error.ts), and neither wants exceptions for expected input.
 */
export interface IdentityFailure<Code extends string = string, Reason extends string = string> {
  ok: false;
  /** The family of failure, e.g. INVALID_ID_NUMBER: what a client branches on. */
  code: Code;
  /** The specific rule that failed, e.g. CHECK_DIGIT: what a test or a log (never the value) records. */
  reason: Reason;
  /** A plain-language explanation for the person who typed the value. */
  message: string;
  /** Set when the failure is in one part of a composite value, e.g. `nationality` of a passport. */
  field?: string;
}

export function fail<Code extends string, Reason extends string>(
  code: Code,
  reason: Reason,
  message: string,
  field?: string,
): IdentityFailure<Code, Reason> {
  return field === undefined ? { ok: false, code, reason, message } : { ok: false, code, reason, message, field };
}

/** Spaces (including non-breaking ones) and any kind of dash, as people paste them from documents. */
export const SEPARATORS = /[\s\u2010-\u2015\u2212-]/g;

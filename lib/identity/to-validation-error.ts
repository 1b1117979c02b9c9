import { ValidationError } from "@/lib/api/errors";
import type { IdentityFailure } from "./result";

/**
 * Turns any identity failure into the app's 422. `fieldPath` is where the value sits in the request
 * (e.g. `subject.idNumber`, `subject.passport`); a failure inside a composite value (the nationality of
 * a passport) is appended, giving `subject.passport.nationality`. The message gets the app's sentence
 * style ("The check digit does not match."); the code is the failure family (INVALID_ID_NUMBER, ...).
 */
export function toValidationError(failure: IdentityFailure, fieldPath: string): ValidationError {
  const field = failure.field ? `${fieldPath}.${failure.field}` : fieldPath;
  return new ValidationError(field, asSentence(failure.message), failure.code);
}

function asSentence(message: string): string {
  const capitalised = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

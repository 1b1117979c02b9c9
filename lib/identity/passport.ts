/**
 * Passports of applicants without an SA ID number. Formats differ by country and the only check digit
 * lives in the machine-readable zone, which people do not type, so the number is checked for shape
 * only: 6 to 12 letters and digits once spaces and dashes are removed.
 */
import { ageOn, calendarDateInSouthAfrica, compareDates, isRealDate, parseIsoDateParts, type CalendarDate } from "./calendar";
import { ISO_3166_ALPHA3, isIso3166Alpha3, type Iso3166Alpha3 } from "./iso3166-alpha3";
import { fail, SEPARATORS, type IdentityFailure } from "./result";

export const PASSPORT_NUMBER_LENGTH = { min: 6, max: 12 } as const;
/** Tenants sign leases; below 16 an enquiry is almost certainly a typo in the year. */
export const APPLICANT_AGE = { min: 16, max: 120 } as const;

export type PassportFailureReason =
  | "NUMBER_EMPTY"
  | "NUMBER_CHARACTERS"
  | "NUMBER_LENGTH"
  | "NATIONALITY_UNKNOWN"
  | "DATE_FORMAT"
  | "NOT_A_DATE"
  | "DATE_IN_FUTURE"
  | "AGE_OUT_OF_RANGE";
export type PassportFailure = IdentityFailure<"INVALID_PASSPORT", PassportFailureReason>;

export interface PassportInput {
  number: string;
  nationality: string;
  dateOfBirth: string;
}

export interface PassportDetails {
  number: string;
  nationality: Iso3166Alpha3;
  nationalityName: string;
  /** ISO date, `YYYY-MM-DD`. */
  dateOfBirth: string;
  ageYears: number;
}

type FieldResult<T> = { ok: true; value: T } | PassportFailure;

const invalid = (field: keyof PassportInput, reason: PassportFailureReason, message: string) =>
  fail("INVALID_PASSPORT", reason, message, field);

export function validatePassportNumber(input: string): FieldResult<string> {
  const value = input.replace(SEPARATORS, "").toUpperCase();
  if (value === "") return invalid("number", "NUMBER_EMPTY", "enter the passport number");
  if (!/^[A-Z0-9]+$/.test(value)) return invalid("number", "NUMBER_CHARACTERS", "a passport number has only letters and digits");
  const { min, max } = PASSPORT_NUMBER_LENGTH;
  if (value.length < min || value.length > max) {
    return invalid("number", "NUMBER_LENGTH", `a passport number has ${min} to ${max} letters and digits; this has ${value.length}`);
  }
  return { ok: true, value };
}

export function validateNationality(input: string): FieldResult<Iso3166Alpha3> {
  const value = input.trim().toUpperCase();
  if (!isIso3166Alpha3(value)) {
    // Echo the code only when it is short and plain: it is a country code, never personal data, but an
    // arbitrary string could be anything.
    const shown = /^[A-Z]{1,4}$/.test(value) ? `${value} is not` : "this is not";
    return invalid("nationality", "NATIONALITY_UNKNOWN", `${shown} an ISO 3166-1 alpha-3 country code (e.g. ZWE, GBR)`);
  }
  return { ok: true, value };
}

export function validatePassportDateOfBirth(input: string, options: { today?: CalendarDate } = {}): FieldResult<{ dateOfBirth: string; ageYears: number }> {
  const text = input.trim();
  const parts = parseIsoDateParts(text);
  if (!parts) return invalid("dateOfBirth", "DATE_FORMAT", "a date of birth is written YYYY-MM-DD");
  if (!isRealDate(parts.year, parts.month, parts.day)) return invalid("dateOfBirth", "NOT_A_DATE", `${text} is not a date`);
  const today = options.today ?? calendarDateInSouthAfrica();
  if (compareDates(parts, today) > 0) return invalid("dateOfBirth", "DATE_IN_FUTURE", "the date of birth is in the future");
  const age = ageOn(parts, today);
  const { min, max } = APPLICANT_AGE;
  if (age < min || age > max) {
    return invalid("dateOfBirth", "AGE_OUT_OF_RANGE", `this date of birth makes the applicant ${age}; applicants are ${min} to ${max}`);
  }
  return { ok: true, value: { dateOfBirth: text, ageYears: age } };
}

/** Checks number, nationality and date of birth in that order and reports the first problem. */
export function validatePassport(
  input: PassportInput,
  options: { today?: CalendarDate } = {},
): ({ ok: true; value: PassportDetails }) | PassportFailure {
  const number = validatePassportNumber(input.number);
  if (!number.ok) return number;
  const nationality = validateNationality(input.nationality);
  if (!nationality.ok) return nationality;
  const birth = validatePassportDateOfBirth(input.dateOfBirth, options);
  if (!birth.ok) return birth;
  return {
    ok: true,
    value: {
      number: number.value,
      nationality: nationality.value,
      nationalityName: ISO_3166_ALPHA3[nationality.value],
      ...birth.value,
    },
  };
}

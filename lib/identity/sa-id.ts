/**
 * South African ID numbers (Identification Act 68 of 1997 / DHA format): YYMMDD SSSS C A Z
 *
 * - YYMMDD  date of birth. The century is not encoded: we take the most recent one that does not put
 *           the birth in the future (an ID issued to someone born in 2024 reads 24..., and 1924 would
 *           make them a centenarian).
 * - SSSS    sequence; 0000-4999 is issued to females, 5000-9999 to males.
 * - C       citizenship: 0 SA citizen, 1 permanent resident, 2 refugee.
 * - A       once a race classification, now always 8 or 9 but older numbers carry other digits, so it
 *           is deliberately not checked.
 * - Z       Luhn check digit over the first 12 digits.
 */
import { calendarDateInSouthAfrica, compareDates, formatIsoDate, isRealDate, type CalendarDate } from "./calendar";
import { isLuhnValid } from "./luhn";
import { fail, SEPARATORS, type IdentityFailure } from "./result";

export type SaIdFailureReason = "EMPTY" | "NOT_DIGITS" | "WRONG_LENGTH" | "NOT_A_DATE" | "CITIZENSHIP_DIGIT" | "CHECK_DIGIT";
export type SaIdFailure = IdentityFailure<"INVALID_ID_NUMBER", SaIdFailureReason>;

export type SaCitizenship = "citizen" | "permanent_resident" | "refugee";

export interface SaIdDetails {
  ok: true;
  /** The 13 digits, separators removed. */
  value: string;
  /** ISO date, `YYYY-MM-DD`. */
  dateOfBirth: string;
  gender: "female" | "male";
  citizenship: SaCitizenship;
}

export type SaIdResult = SaIdDetails | SaIdFailure;

const CITIZENSHIP: Record<string, SaCitizenship> = { "0": "citizen", "1": "permanent_resident", "2": "refugee" };

export function normaliseSaIdNumber(input: string): string {
  return input.replace(SEPARATORS, "");
}

export function validateSaIdNumber(input: string, options: { today?: CalendarDate } = {}): SaIdResult {
  const invalid = (reason: SaIdFailureReason, message: string) => fail("INVALID_ID_NUMBER", reason, message);
  const value = normaliseSaIdNumber(input);

  if (value === "") return invalid("EMPTY", "enter an SA ID number");
  if (!/^\d+$/.test(value)) return invalid("NOT_DIGITS", "an SA ID number has only digits");
  if (value.length !== 13) return invalid("WRONG_LENGTH", `an SA ID number has 13 digits; this has ${value.length}`);

  const birth = birthDateFromId(value.slice(0, 6), options.today ?? calendarDateInSouthAfrica());
  if (!birth) return invalid("NOT_A_DATE", `${value.slice(0, 6)} is not a date`);

  const citizenship = CITIZENSHIP[value.charAt(10)];
  if (!citizenship) return invalid("CITIZENSHIP_DIGIT", "the citizenship digit must be 0, 1 or 2");

  if (!isLuhnValid(value)) return invalid("CHECK_DIGIT", "the check digit does not match");

  return {
    ok: true,
    value,
    dateOfBirth: formatIsoDate(birth),
    gender: Number(value.slice(6, 10)) < 5000 ? "female" : "male",
    citizenship,
  };
}

/** The birth date YYMMDD denotes: the latest century that makes it a real date not after `today`. */
function birthDateFromId(yymmdd: string, today: CalendarDate): CalendarDate | null {
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const currentCentury = Math.floor(today.year / 100) * 100;
  // 29 February can exist in one century and not the other (2000 was a leap year, 1900 was not).
  for (const century of [currentCentury, currentCentury - 100, currentCentury - 200]) {
    const candidate = { year: century + yy, month, day };
    if (isRealDate(candidate.year, month, day) && compareDates(candidate, today) <= 0) return candidate;
  }
  return null;
}

/**
 * The Luhn (mod 10) check used by the last digit of an SA ID number. Doubling every second digit from
 * the right maps 0-9 onto 0,2,4,6,8,1,3,5,7,9 — a permutation — so changing any single digit changes
 * the sum by a non-zero amount smaller than 10: every single-digit substitution is caught. Adjacent
 * transpositions are caught too, except 09 <-> 90.
 */
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9] as const;

function luhnSum(digits: string, doubleRightmost: boolean): number {
  let sum = 0;
  for (let fromRight = 0; fromRight < digits.length; fromRight++) {
    const digit = Number(digits[digits.length - 1 - fromRight]);
    const doubled = fromRight % 2 === (doubleRightmost ? 0 : 1);
    sum += doubled ? (DOUBLED[digit] ?? Number.NaN) : digit;
  }
  return sum;
}

/** The digit to append to `payload` (digits only) so the whole passes the Luhn check. */
export function luhnCheckDigit(payload: string): number {
  if (!/^\d+$/.test(payload)) throw new RangeError("luhnCheckDigit takes digits only");
  // With the check digit appended, the payload's rightmost digit becomes second from the right.
  return (10 - (luhnSum(payload, true) % 10)) % 10;
}

export function isLuhnValid(digits: string): boolean {
  return /^\d+$/.test(digits) && luhnSum(digits, false) % 10 === 0;
}

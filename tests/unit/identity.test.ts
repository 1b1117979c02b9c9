import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/api/errors";
import {
  CIPC_ENTITY_TYPES,
  ISO_3166_ALPHA3,
  isLuhnValid,
  luhnCheckDigit,
  toValidationError,
  validateCipcRegistrationNumber,
  validatePassport,
  validateSaIdNumber,
  type CalendarDate,
} from "@/lib/identity";
import { isRealDate } from "@/lib/identity/calendar";

const TODAY: CalendarDate = { year: 2025, month: 6, day: 15 };
const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** A valid SA ID number for the given parts, born within the last 100 years so the century round-trips. */
function saIdFor(birth: CalendarDate, sequence: number, citizenship: 0 | 1 | 2, eighth: number): string {
  const payload = `${pad(birth.year % 100, 2)}${pad(birth.month, 2)}${pad(birth.day, 2)}${pad(sequence, 4)}${citizenship}${eighth}`;
  return payload + String(luhnCheckDigit(payload));
}

const birthWithinLastCentury = (today: CalendarDate) =>
  fc
    .date({ min: new Date(Date.UTC(today.year - 99, 0, 1)), max: new Date(Date.UTC(today.year, today.month - 1, today.day)), noInvalidDate: true })
    .map((date) => ({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }));

const validSaId = (today: CalendarDate = TODAY) =>
  fc.record({
    birth: birthWithinLastCentury(today),
    sequence: fc.integer({ min: 0, max: 9999 }),
    citizenship: fc.constantFrom(0 as const, 1 as const, 2 as const),
    eighth: fc.integer({ min: 0, max: 9 }),
  });

describe("validateSaIdNumber: examples", () => {
  it("accepts a valid number and explains what it encodes", () => {
    expect(validateSaIdNumber("8001015009087", { today: TODAY })).toEqual({
      ok: true,
      value: "8001015009087",
      dateOfBirth: "1980-01-01",
      gender: "male",
      citizenship: "citizen",
    });
  });

  it("strips spaces and dashes, including pasted non-breaking spaces and en dashes", () => {
    const result = validateSaIdNumber(" 800101 5009\u00a0087 ", { today: TODAY });
    expect(result).toMatchObject({ ok: true, value: "8001015009087" });
    expect(validateSaIdNumber("800101-5009-08\u20137", { today: TODAY })).toMatchObject({ ok: true, value: "8001015009087" });
  });

  it("reads gender from the sequence and citizenship from the 11th digit", () => {
    expect(validateSaIdNumber("9006150456083", { today: TODAY })).toMatchObject({ gender: "female", citizenship: "citizen" });
    expect(validateSaIdNumber("8801010234188", { today: TODAY })).toMatchObject({ citizenship: "permanent_resident" });
    expect(validateSaIdNumber("0101015999283", { today: TODAY })).toMatchObject({ citizenship: "refugee", dateOfBirth: "2001-01-01" });
  });

  it("chooses the century that keeps the birth date out of the future", () => {
    const id = saIdFor({ year: 2024, month: 2, day: 29 }, 5009, 0, 8);
    expect(validateSaIdNumber(id, { today: TODAY })).toMatchObject({ ok: true, dateOfBirth: "2024-02-29" });
    // The same digits a day before that birthday can only be 1924... which was also a leap year.
    expect(validateSaIdNumber(id, { today: { year: 2024, month: 2, day: 28 } })).toMatchObject({ ok: true, dateOfBirth: "1924-02-29" });
    // 31 December 99 on 15 June 2025 is 1999, and 29 February 2000 was a leap day (1900's was not).
    expect(validateSaIdNumber("9912315009081", { today: TODAY })).toMatchObject({ dateOfBirth: "1999-12-31" });
    expect(validateSaIdNumber("0002290123088", { today: TODAY })).toMatchObject({ dateOfBirth: "2000-02-29" });
  });

  it("a birthday today is not in the future", () => {
    const id = saIdFor(TODAY, 1234, 0, 8);
    expect(validateSaIdNumber(id, { today: TODAY })).toMatchObject({ ok: true, dateOfBirth: "2025-06-15" });
    expect(validateSaIdNumber(id, { today: { year: 2025, month: 6, day: 14 } })).toMatchObject({ ok: true, dateOfBirth: "1925-06-15" });
  });

  it.each([
    ["", "EMPTY", "enter an SA ID number"],
    ["  - ", "EMPTY", "enter an SA ID number"],
    ["80010150O9087", "NOT_DIGITS", "an SA ID number has only digits"],
    ["800101500908", "WRONG_LENGTH", "an SA ID number has 13 digits; this has 12"],
    ["80010150090871", "WRONG_LENGTH", "an SA ID number has 13 digits; this has 14"],
    ["9402315009083", "NOT_A_DATE", "940231 is not a date"],
    ["8013015009087", "NOT_A_DATE", "801301 is not a date"],
    ["9902295009085", "NOT_A_DATE", "990229 is not a date"],
    ["8001015009384", "CITIZENSHIP_DIGIT", "the citizenship digit must be 0, 1 or 2"],
    ["8001015009088", "CHECK_DIGIT", "the check digit does not match"],
  ])("rejects %j: %s", (input, reason, message) => {
    expect(validateSaIdNumber(input, { today: TODAY })).toEqual({ ok: false, code: "INVALID_ID_NUMBER", reason, message });
  });

  it("the table's examples fail only the rule they name", () => {
    // The citizenship example carries a correct check digit, so only its citizenship digit (3) is wrong;
    // the check-digit example differs from a valid number in its last digit only.
    expect(isLuhnValid("8001015009384")).toBe(true);
    expect(validateSaIdNumber("8001015009087", { today: TODAY }).ok).toBe(true);
  });
});

describe("validateSaIdNumber: properties", () => {
  it("every generated valid number passes and decodes back to its parts", () => {
    fc.assert(
      fc.property(validSaId(), ({ birth, sequence, citizenship, eighth }) => {
        const id = saIdFor(birth, sequence, citizenship, eighth);
        const result = validateSaIdNumber(id, { today: TODAY });
        expect(result).toEqual({
          ok: true,
          value: id,
          dateOfBirth: `${pad(birth.year, 4)}-${pad(birth.month, 2)}-${pad(birth.day, 2)}`,
          gender: sequence < 5000 ? "female" : "male",
          citizenship: (["citizen", "permanent_resident", "refugee"] as const)[citizenship],
        });
      }),
      { numRuns: 500 },
    );
  });

  it("validity does not depend on separators", () => {
    fc.assert(
      fc.property(validSaId(), fc.array(fc.constantFrom(" ", "-", "\u2013"), { minLength: 13, maxLength: 13 }), (parts, seps) => {
        const id = saIdFor(parts.birth, parts.sequence, parts.citizenship, parts.eighth);
        const spaced = [...id].map((digit, index) => digit + (seps[index] ?? "")).join("");
        expect(validateSaIdNumber(spaced, { today: TODAY })).toMatchObject({ ok: true, value: id });
      }),
    );
  });

  it("Luhn catches every single-digit substitution (checked exhaustively per generated number)", () => {
    fc.assert(
      fc.property(validSaId(), ({ birth, sequence, citizenship, eighth }) => {
        const id = saIdFor(birth, sequence, citizenship, eighth);
        for (let position = 0; position < id.length; position++) {
          for (let digit = 0; digit <= 9; digit++) {
            if (String(digit) === id[position]) continue;
            const changed = id.slice(0, position) + String(digit) + id.slice(position + 1);
            expect(isLuhnValid(changed)).toBe(false);
            expect(validateSaIdNumber(changed, { today: TODAY }).ok).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("any 12 digits have exactly one check digit that completes them", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (payload) => {
        const passing = [...Array(10).keys()].filter((digit) => isLuhnValid(payload + String(digit)));
        expect(passing).toEqual([luhnCheckDigit(payload)]);
      }),
    );
  });

  it("never accepts a number whose first six digits are not a date", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/), fc.stringMatching(/^\d{4}[012]\d$/), (yymmdd, rest) => {
        const month = Number(yymmdd.slice(2, 4));
        const day = Number(yymmdd.slice(4, 6));
        const yy = Number(yymmdd.slice(0, 2));
        const realInSomeCentury = [1800, 1900, 2000].some((century) => isRealDate(century + yy, month, day));
        fc.pre(!realInSomeCentury);
        const payload = yymmdd + rest;
        const result = validateSaIdNumber(payload + String(luhnCheckDigit(payload)), { today: TODAY });
        expect(result).toEqual({ ok: false, code: "INVALID_ID_NUMBER", reason: "NOT_A_DATE", message: `${yymmdd} is not a date` });
      }),
    );
  });

  it("the birth date is never after the given today", () => {
    const today = fc
      .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2090-12-31T00:00:00Z"), noInvalidDate: true })
      .map((date) => ({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }));
    fc.assert(
      fc.property(today, fc.stringMatching(/^\d{12}$/), (on, payload) => {
        const result = validateSaIdNumber(payload + String(luhnCheckDigit(payload)), { today: on });
        if (result.ok) expect(result.dateOfBirth <= `${pad(on.year, 4)}-${pad(on.month, 2)}-${pad(on.day, 2)}`).toBe(true);
      }),
    );
  });
});

describe("validatePassport", () => {
  const valid = { number: "ab 12-3456", nationality: " zwe ", dateOfBirth: "1990-05-17" };

  it("normalises and accepts a valid passport", () => {
    expect(validatePassport(valid, { today: TODAY })).toEqual({
      ok: true,
      value: { number: "AB123456", nationality: "ZWE", nationalityName: "Zimbabwe", dateOfBirth: "1990-05-17", ageYears: 35 },
    });
  });

  it.each([
    [{ number: " " }, "number", "NUMBER_EMPTY", "enter the passport number"],
    [{ number: "AB12#456" }, "number", "NUMBER_CHARACTERS", "a passport number has only letters and digits"],
    [{ number: "A1234" }, "number", "NUMBER_LENGTH", "a passport number has 6 to 12 letters and digits; this has 5"],
    [{ number: "A123456789012" }, "number", "NUMBER_LENGTH", "a passport number has 6 to 12 letters and digits; this has 13"],
    [{ nationality: "XYZ" }, "nationality", "NATIONALITY_UNKNOWN", "XYZ is not an ISO 3166-1 alpha-3 country code (e.g. ZWE, GBR)"],
    [{ nationality: "ZW" }, "nationality", "NATIONALITY_UNKNOWN", "ZW is not an ISO 3166-1 alpha-3 country code (e.g. ZWE, GBR)"],
    [{ nationality: "Zimbabwe" }, "nationality", "NATIONALITY_UNKNOWN", "this is not an ISO 3166-1 alpha-3 country code (e.g. ZWE, GBR)"],
    [{ dateOfBirth: "17/05/1990" }, "dateOfBirth", "DATE_FORMAT", "a date of birth is written YYYY-MM-DD"],
    [{ dateOfBirth: "1990-02-30" }, "dateOfBirth", "NOT_A_DATE", "1990-02-30 is not a date"],
    [{ dateOfBirth: "2025-06-16" }, "dateOfBirth", "DATE_IN_FUTURE", "the date of birth is in the future"],
    [{ dateOfBirth: "2009-06-16" }, "dateOfBirth", "AGE_OUT_OF_RANGE", "this date of birth makes the applicant 15; applicants are 16 to 120"],
    [{ dateOfBirth: "1904-06-15" }, "dateOfBirth", "AGE_OUT_OF_RANGE", "this date of birth makes the applicant 121; applicants are 16 to 120"],
  ])("rejects %j", (change, field, reason, message) => {
    expect(validatePassport({ ...valid, ...change }, { today: TODAY })).toEqual({ ok: false, code: "INVALID_PASSPORT", reason, message, field });
  });

  it("accepts the age boundaries 16 and 120 exactly", () => {
    expect(validatePassport({ ...valid, dateOfBirth: "2009-06-15" }, { today: TODAY })).toMatchObject({ ok: true, value: { ageYears: 16 } });
    expect(validatePassport({ ...valid, dateOfBirth: "1905-06-15" }, { today: TODAY })).toMatchObject({ ok: true, value: { ageYears: 120 } });
  });

  it("ships all 249 ISO 3166-1 alpha-3 codes", () => {
    const codes = Object.keys(ISO_3166_ALPHA3);
    expect(codes).toHaveLength(249);
    expect(codes.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
    expect(codes).toEqual(expect.arrayContaining(["ZAF", "ZWE", "MOZ", "NGA", "GBR", "TUR", "SWZ", "SSD", "PSE"]));
  });

  it("property: any 6-12 alphanumeric number, listed nationality and in-range birth date passes", () => {
    const nationality = fc.constantFrom(...Object.keys(ISO_3166_ALPHA3));
    const birth = fc
      .date({ min: new Date("1905-06-16T00:00:00Z"), max: new Date("2009-06-15T00:00:00Z"), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{6,12}$/), nationality, birth, (number, code, dateOfBirth) => {
        const result = validatePassport({ number, nationality: code.toLowerCase(), dateOfBirth }, { today: TODAY });
        expect(result).toMatchObject({ ok: true, value: { number: number.toUpperCase(), nationality: code, dateOfBirth } });
      }),
    );
  });

  it("property: a number outside 6-12 characters always fails on the number", () => {
    const tooShortOrLong = fc.oneof(fc.stringMatching(/^[A-Z0-9]{1,5}$/), fc.stringMatching(/^[A-Z0-9]{13,20}$/));
    fc.assert(
      fc.property(tooShortOrLong, (number) => {
        expect(validatePassport({ ...valid, number }, { today: TODAY })).toMatchObject({ ok: false, reason: "NUMBER_LENGTH", field: "number" });
      }),
    );
  });
});

describe("validateCipcRegistrationNumber", () => {
  it.each(["2015/123456/07", "2015 123456 07", "2015-123456-07", "201512345607", " 2015 / 123456 / 07 ", "2015\u2013123456\u201307"])(
    "accepts %j as 2015/123456/07",
    (input) => {
      expect(validateCipcRegistrationNumber(input, { today: TODAY })).toEqual({
        ok: true,
        value: "2015/123456/07",
        year: 2015,
        sequence: "123456",
        entityType: { code: "07", key: "PRIVATE_COMPANY", name: "private company" },
      });
    },
  );

  it("knows the common entity types", () => {
    expect(validateCipcRegistrationNumber("1936/007721/06", { today: TODAY })).toMatchObject({ entityType: { key: "PUBLIC_COMPANY" } });
    expect(validateCipcRegistrationNumber("2002/015527/30", { today: TODAY })).toMatchObject({ entityType: { key: "STATE_OWNED_COMPANY" } });
    expect(validateCipcRegistrationNumber("1998/021409/21", { today: TODAY })).toMatchObject({ entityType: { key: "PERSONAL_LIABILITY_COMPANY" } });
    expect(validateCipcRegistrationNumber("2004/012345/23", { today: TODAY })).toMatchObject({ entityType: { key: "CLOSE_CORPORATION" } });
    expect(validateCipcRegistrationNumber("2012/000001/08", { today: TODAY })).toMatchObject({ entityType: { key: "NON_PROFIT_COMPANY" } });
  });

  it.each([
    ["", "EMPTY", "enter the CIPC registration number"],
    ["2015/12345/07", "FORMAT", "a CIPC registration number has the form YYYY/NNNNNN/NN, e.g. 2015/123456/07"],
    ["K2015/123456/07", "FORMAT", "a CIPC registration number has the form YYYY/NNNNNN/NN, e.g. 2015/123456/07"],
    ["2015//123456/07", "FORMAT", "a CIPC registration number has the form YYYY/NNNNNN/NN, e.g. 2015/123456/07"],
    ["1899/123456/07", "YEAR_TOO_EARLY", "the registration year 1899 is before 1900"],
    ["2026/123456/07", "YEAR_IN_FUTURE", "the registration year 2026 is in the future"],
    ["2015/000000/07", "SEQUENCE_ZERO", "the middle group 000000 is never issued; sequences start at 000001"],
    ["2015/123456/05", "UNKNOWN_ENTITY_TYPE", "05 is not a CIPC entity type code (07 is a private company)"],
    ["2013/123456/23", "CLOSE_CORPORATION_TOO_LATE", "close corporations (23) were not registered after 2011"],
  ])("rejects %j: %s", (input, reason, message) => {
    expect(validateCipcRegistrationNumber(input, { today: TODAY })).toEqual({ ok: false, code: "INVALID_REGISTRATION_NUMBER", reason, message });
  });

  const knownCode = fc.constantFrom(...(Object.keys(CIPC_ENTITY_TYPES) as (keyof typeof CIPC_ENTITY_TYPES)[]));
  const sequence = fc.integer({ min: 1, max: 999_999 }).map((value) => pad(value, 6));

  it("property: every well-formed number with a known type and a year 1900..this year passes, whatever the separators", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: TODAY.year }), sequence, knownCode, fc.constantFrom("/", "-", " ", ""), (year, seq, code, sep) => {
        fc.pre(!(code === "23" && year > 2011));
        const result = validateCipcRegistrationNumber(`${year}${sep}${seq}${sep}${code}`, { today: TODAY });
        expect(result).toMatchObject({ ok: true, value: `${year}/${seq}/${code}`, year, sequence: seq, entityType: { code } });
      }),
    );
  });

  it("property: an unknown type code or a year outside 1900..this year always fails", () => {
    const unknownCode = fc.integer({ min: 0, max: 99 }).map((value) => pad(value, 2)).filter((code) => !Object.hasOwn(CIPC_ENTITY_TYPES, code));
    const badYear = fc.oneof(fc.integer({ min: 1000, max: 1899 }), fc.integer({ min: TODAY.year + 1, max: 9999 }));
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: TODAY.year }), sequence, unknownCode, (year, seq, code) => {
        expect(validateCipcRegistrationNumber(`${year}/${seq}/${code}`, { today: TODAY })).toMatchObject({ ok: false, reason: "UNKNOWN_ENTITY_TYPE" });
      }),
    );
    fc.assert(
      fc.property(badYear, sequence, knownCode, (year, seq, code) => {
        const result = validateCipcRegistrationNumber(`${year}/${seq}/${code}`, { today: TODAY });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(["YEAR_TOO_EARLY", "YEAR_IN_FUTURE"]).toContain(result.reason);
      }),
    );
  });
});

describe("toValidationError", () => {
  it("maps a failure to a 422 naming the field, in the app's sentence style", () => {
    const result = validateSaIdNumber("8001015009088", { today: TODAY });
    if (result.ok) throw new Error("expected a failure");
    const error = toValidationError(result, "subject.idNumber");
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422, code: "INVALID_ID_NUMBER", field: "subject.idNumber", message: "The check digit does not match." });
  });

  it("appends the part of a composite value that failed", () => {
    const result = validatePassport({ number: "AB123456", nationality: "XXA", dateOfBirth: "1990-01-01" }, { today: TODAY });
    if (result.ok) throw new Error("expected a failure");
    expect(toValidationError(result, "subject.passport")).toMatchObject({
      status: 422,
      code: "INVALID_PASSPORT",
      field: "subject.passport.nationality",
      message: "XXA is not an ISO 3166-1 alpha-3 country code (e.g. ZWE, GBR).",
    });
  });

  it("CIPC failures keep TPN's code", () => {
    const result = validateCipcRegistrationNumber("2015/123456/99", { today: TODAY });
    if (result.ok) throw new Error("expected a failure");
    expect(toValidationError(result, "company.registrationNumber")).toMatchObject({ code: "INVALID_REGISTRATION_NUMBER", field: "company.registrationNumber" });
  });
});

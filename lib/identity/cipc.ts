/**
 * CIPC (Companies and Intellectual Property Commission) registration numbers: YYYY/NNNNNN/TT, the year
 * of registration, a sequence within that year (the first private company of 2000 was
 * 2000/000001/07) and a two-digit entity type. The scheme dates from 1 January 2000; older entities
 * were renumbered into it, which is why years go back to the early 1900s.
 */
import { calendarDateInSouthAfrica, type CalendarDate } from "./calendar";
import { fail, type IdentityFailure } from "./result";

/**
 * Entity-type suffixes in use. Sources: CIPC's own guides and many public registration numbers, e.g.
 * Shoprite Holdings 1936/007721/06, Eskom Holdings SOC 2002/015527/30, law firms ("Inc") on /21.
 *
 * - 06 public company (Ltd)
 * - 07 private company ((Pty) Ltd) — by far the most common
 * - 08 non-profit company (NPC; before 2011 an "association not for gain", the old section 21 company)
 * - 09 company limited by guarantee (1973 Act form; some lists describe it as a personal liability company)
 * - 10 external company (a foreign company registered to do business in South Africa)
 * - 21 personal liability company ("Inc": directors jointly liable, used by attorneys and auditors)
 * - 22 unlimited company (1973 Act form)
 * - 23 close corporation (CC; none registered after the Companies Act 2008 came into force on 1 May 2011)
 * - 24/25/26 primary, secondary and tertiary co-operative
 * - 30 state-owned company (SOC Ltd)
 *
 * A rejected code names itself in the message, so a genuine code missing here is easy to spot and add.
 */
export const CIPC_ENTITY_TYPES = {
  "06": { key: "PUBLIC_COMPANY", name: "public company" },
  "07": { key: "PRIVATE_COMPANY", name: "private company" },
  "08": { key: "NON_PROFIT_COMPANY", name: "non-profit company" },
  "09": { key: "COMPANY_LIMITED_BY_GUARANTEE", name: "company limited by guarantee" },
  "10": { key: "EXTERNAL_COMPANY", name: "external company" },
  "21": { key: "PERSONAL_LIABILITY_COMPANY", name: "personal liability company" },
  "22": { key: "UNLIMITED_COMPANY", name: "unlimited company" },
  "23": { key: "CLOSE_CORPORATION", name: "close corporation" },
  "24": { key: "PRIMARY_CO_OPERATIVE", name: "primary co-operative" },
  "25": { key: "SECONDARY_CO_OPERATIVE", name: "secondary co-operative" },
  "26": { key: "TERTIARY_CO_OPERATIVE", name: "tertiary co-operative" },
  "30": { key: "STATE_OWNED_COMPANY", name: "state-owned company" },
} as const;

export type CipcEntityTypeCode = keyof typeof CIPC_ENTITY_TYPES;
export type CipcEntityType = (typeof CIPC_ENTITY_TYPES)[CipcEntityTypeCode] & { code: CipcEntityTypeCode };

export const FIRST_REGISTRATION_YEAR = 1900;
/** Close corporations could be registered until the Companies Act 71 of 2008 took effect (1 May 2011). */
export const LAST_CLOSE_CORPORATION_YEAR = 2011;

export type CipcFailureReason =
  | "EMPTY"
  | "FORMAT"
  | "YEAR_TOO_EARLY"
  | "YEAR_IN_FUTURE"
  | "SEQUENCE_ZERO"
  | "UNKNOWN_ENTITY_TYPE"
  | "CLOSE_CORPORATION_TOO_LATE";
export type CipcFailure = IdentityFailure<"INVALID_REGISTRATION_NUMBER", CipcFailureReason>;

export interface CipcDetails {
  ok: true;
  /** Canonical `YYYY/NNNNNN/TT`, the form TPN's contract requires. */
  value: string;
  year: number;
  sequence: string;
  entityType: CipcEntityType;
}

export type CipcResult = CipcDetails | CipcFailure;

// Whitespace anywhere is dropped; between the groups a slash, a dash of any kind, or nothing.
const SHAPE = /^(\d{4})[/\u2010-\u2015\u2212-]?(\d{6})[/\u2010-\u2015\u2212-]?(\d{2})$/;

function isEntityTypeCode(code: string): code is CipcEntityTypeCode {
  return Object.hasOwn(CIPC_ENTITY_TYPES, code);
}

export function validateCipcRegistrationNumber(input: string, options: { today?: CalendarDate } = {}): CipcResult {
  const invalid = (reason: CipcFailureReason, message: string) => fail("INVALID_REGISTRATION_NUMBER", reason, message);
  const compact = input.replace(/\s/g, "");
  if (compact === "") return invalid("EMPTY", "enter the CIPC registration number");

  const match = SHAPE.exec(compact);
  if (!match) return invalid("FORMAT", "a CIPC registration number has the form YYYY/NNNNNN/NN, e.g. 2015/123456/07");
  const [, yearText = "", sequence = "", code = ""] = match;
  const year = Number(yearText);
  const thisYear = (options.today ?? calendarDateInSouthAfrica()).year;

  if (year < FIRST_REGISTRATION_YEAR) return invalid("YEAR_TOO_EARLY", `the registration year ${yearText} is before ${FIRST_REGISTRATION_YEAR}`);
  if (year > thisYear) return invalid("YEAR_IN_FUTURE", `the registration year ${yearText} is in the future`);
  if (sequence === "000000") return invalid("SEQUENCE_ZERO", "the middle group 000000 is never issued; sequences start at 000001");
  if (!isEntityTypeCode(code)) return invalid("UNKNOWN_ENTITY_TYPE", `${code} is not a CIPC entity type code (07 is a private company)`);
  if (code === "23" && year > LAST_CLOSE_CORPORATION_YEAR) {
    return invalid("CLOSE_CORPORATION_TOO_LATE", `close corporations (23) were not registered after ${LAST_CLOSE_CORPORATION_YEAR}`);
  }

  return {
    ok: true,
    value: `${yearText}/${sequence}/${code}`,
    year,
    sequence,
    entityType: { code, ...CIPC_ENTITY_TYPES[code] },
  };
}

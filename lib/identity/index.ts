/** Identity numbers applicants give us: SA ID, passport, CIPC company registration. */
export { validateSaIdNumber, normaliseSaIdNumber, type SaIdResult, type SaIdDetails, type SaIdFailure, type SaCitizenship } from "./sa-id";
export {
  validatePassport,
  validatePassportNumber,
  validateNationality,
  validatePassportDateOfBirth,
  APPLICANT_AGE,
  PASSPORT_NUMBER_LENGTH,
  type PassportInput,
  type PassportDetails,
  type PassportFailure,
} from "./passport";
export {
  validateCipcRegistrationNumber,
  CIPC_ENTITY_TYPES,
  type CipcResult,
  type CipcDetails,
  type CipcFailure,
  type CipcEntityType,
  type CipcEntityTypeCode,
} from "./cipc";
export { ISO_3166_ALPHA3, isIso3166Alpha3, type Iso3166Alpha3 } from "./iso3166-alpha3";
export { toValidationError } from "./to-validation-error";
export { luhnCheckDigit, isLuhnValid } from "./luhn";
export { calendarDateInSouthAfrica, type CalendarDate } from "./calendar";
export type { IdentityFailure } from "./result";

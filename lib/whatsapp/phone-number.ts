import { parsePhoneNumberWithError, ParseError } from "libphonenumber-js/max";
import { ValidationError } from "@/lib/api/errors";

/**
 * WhatsApp identifies people by their number in international form without the "+" (wa_id). People
 * type numbers as they know them ("082 123 4567", "+27 82 123 4567", "0027821234567"); South Africa is
 * the default country. Only numbers that can receive WhatsApp (mobile or unknown-type) are accepted.
 */
export function normaliseWhatsAppNumber(input: string, field = "phone"): string {
  const trimmed = input.trim().replace(/^00/, "+");
  if (!/^[+\d][\d\s().-]{6,24}$/.test(trimmed)) {
    throw new ValidationError(field, "Give a phone number, e.g. 082 123 4567 or +27 82 123 4567.", "INVALID_PHONE_NUMBER");
  }
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(trimmed, "ZA");
  } catch (error) {
    const reason = error instanceof ParseError && error.message === "TOO_SHORT" ? "is too short" : "is not a phone number";
    throw new ValidationError(field, `${input.trim()} ${reason}.`, "INVALID_PHONE_NUMBER");
  }
  if (!parsed.isValid()) throw new ValidationError(field, `${parsed.formatInternational()} is not a valid number in ${parsed.country ?? "its country"}.`, "INVALID_PHONE_NUMBER");
  const type = parsed.getType();
  if (type === "FIXED_LINE" || type === "TOLL_FREE" || type === "PREMIUM_RATE" || type === "SHARED_COST") {
    throw new ValidationError(field, `${parsed.formatInternational()} is a landline; WhatsApp needs a mobile number.`, "INVALID_PHONE_NUMBER");
  }
  return parsed.number.slice(1);
}

/** A wa_id from Meta is already normalised; anything else is not a WhatsApp id. */
export function isWhatsAppId(value: string): boolean {
  return /^\d{8,15}$/.test(value);
}

/** "+27 82 *** 4567": enough for a person to recognise their number, not enough to dial it. */
export function maskWhatsAppNumber(waId: string): string {
  return `+${waId.slice(0, 2)} ${waId.slice(2, 4)} *** ${waId.slice(-4)}`;
}

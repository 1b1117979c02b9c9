import { calendarDateInSouthAfrica } from "@/lib/identity/calendar";
import { FIRST_REGISTRATION_YEAR } from "@/lib/identity/cipc";
import { SEPARATORS } from "@/lib/identity/result";

/**
 * Structured messages, forgiving of case, spacing and thousands separators:
 *   CHECK 8001015009087 | CHECK 800101 5009 087 RENT 12 500 INCOME 40,000 | CHECK 2015/123456/07
 *   STATUS | HELP | MENU | STOP | START | SUPPORT <message> | LINK 123456 | CANCEL
 * Anything else is plain text (a PIN or a phone number when the conversation is waiting for one).
 */
export type Command =
  | { kind: "check"; identifier: string; rent?: number; income?: number }
  | { kind: "check-without-number" }
  | { kind: "invalid-amount"; field: "rent" | "income"; given: string }
  | { kind: "status" }
  | { kind: "help" }
  | { kind: "menu" }
  | { kind: "stop" }
  | { kind: "start" }
  | { kind: "cancel" }
  | { kind: "support"; message?: string }
  | { kind: "link"; code: string }
  | { kind: "text"; text: string };

const GREETINGS = new Set(["HI", "HELLO", "HEY", "HALLO", "MENU", "START MENU", "SAWUBONA", "MOLO", "DUMELA", "HOWZIT"]);

/** "R 12 500", "12,500.00", "12500" -> 12500; anything else -> undefined. */
export function parseRand(text: string): number | undefined {
  const cleaned = text.replace(/^R\s*/i, "").replace(/[\s,]/g, "");
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return value > 0 ? value : undefined;
}

export function parseCommand(input: string): Command {
  const text = input.normalize("NFKC").replace(/\s+/g, " ").trim();
  const upper = text.toUpperCase();
  if (GREETINGS.has(upper.replace(/[!.?]+$/, ""))) return { kind: "menu" };
  if (upper === "HELP" || upper === "?") return { kind: "help" };
  if (upper === "STATUS" || upper === "RECENT") return { kind: "status" };
  if (upper === "STOP" || upper === "UNSUBSCRIBE") return { kind: "stop" };
  if (upper === "START" || upper === "SUBSCRIBE") return { kind: "start" };
  if (upper === "CANCEL") return { kind: "cancel" };

  const link = /^LINK\s*:?\s*(\d{3})\s?(\d{3})$/.exec(upper);
  if (link?.[1] && link[2]) return { kind: "link", code: link[1] + link[2] };

  const support = /^SUPPORT\b\s*:?\s*(.*)$/is.exec(text);
  if (support) return { kind: "support", message: support[1]?.trim() || undefined };

  const check = /^CHECK\b\s*:?\s*(.*)$/is.exec(text);
  if (check) {
    const rest = check[1]?.trim() ?? "";
    if (rest === "") return { kind: "check-without-number" };
    // The amounts come after the identifier, each introduced by its keyword.
    const parts = rest.split(/\s+(?=(?:RENT|INCOME)\b)/i);
    const identifier = parts.shift()?.trim() ?? "";
    const command: Extract<Command, { kind: "check" }> = { kind: "check", identifier };
    for (const part of parts) {
      const [, keyword = "", amount = ""] = /^(RENT|INCOME)\s*:?\s*(.*)$/i.exec(part) ?? [];
      const field = keyword.toUpperCase() === "RENT" ? "rent" : "income";
      const value = parseRand(amount);
      if (value === undefined) return { kind: "invalid-amount", field, given: amount.trim() };
      command[field] = value;
    }
    if (identifier === "") return { kind: "check-without-number" };
    return command;
  }
  return { kind: "text", text };
}

/**
 * A CIPC number has slashes, or is 12 digits (YYYYNNNNNNTT, typed without separators) starting with a
 * registration year; 13 digits is an SA ID. Twelve digits that do not start with a year are an SA ID
 * missing a digit, and get the SA ID's "13 digits" message rather than a company-number one.
 */
export function looksLikeCompany(identifier: string): boolean {
  const compact = identifier.replace(SEPARATORS, "");
  if (compact.includes("/")) return true;
  const year = Number(compact.slice(0, 4));
  return /^\d{12}$/.test(compact) && year >= FIRST_REGISTRATION_YEAR && year <= calendarDateInSouthAfrica().year;
}

import { luhnCheckDigit } from "@/lib/identity";

const offset = Math.floor(Math.random() * 5_000);
let sequence = 0;

/**
 * A fresh, valid SA ID number each call (a citizen born 1990-01-01 with a new serial), so tests never
 * collide on the blind index or the report-reuse rule.
 */
export function freshSaIdNumber(): string {
  sequence += 1;
  const serial = String((offset + sequence) % 10_000).padStart(4, "0");
  const body = `900101${serial}08`;
  return body + String(luhnCheckDigit(body));
}

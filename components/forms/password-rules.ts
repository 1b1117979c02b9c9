import type { ApiError } from "./api";

/** Mirrors the server's first rule (lib/auth/password.ts) so an obviously short password needs no round trip. */
export const PASSWORD_MIN_LENGTH = 12;

export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong, memorable passphrase.`;

/** The same message the server gives, for a password below the minimum; undefined otherwise. */
export function passwordTooShort(password: string, field = "password"): ApiError | undefined {
  if (password.length >= PASSWORD_MIN_LENGTH) return undefined;
  return { code: "WEAK_PASSWORD", field, message: `Use at least ${PASSWORD_MIN_LENGTH} characters; this has ${password.length}.` };
}

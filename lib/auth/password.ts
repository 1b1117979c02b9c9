import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { ValidationError } from "@/lib/api/errors";

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const estimator = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A real hash to verify against when the account does not exist, so timing does not reveal it. */
let decoyHash: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword("decoy-password-that-never-matches");
  await verifyPassword(await decoyHash, password);
  return false;
}

/**
 * Length first (NIST 800-63B: at least 12, long passphrases allowed), then an offline estimator with
 * common-password and English dictionaries, penalising the user's own name and email.
 */
export function assertAcceptablePassword(password: string, userInputs: string[] = [], field = "password"): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new ValidationError(field, `Use at least ${PASSWORD_MIN_LENGTH} characters; this has ${password.length}.`, "WEAK_PASSWORD");
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new ValidationError(field, `Use at most ${PASSWORD_MAX_LENGTH} characters.`, "WEAK_PASSWORD");
  }
  const inputs = userInputs.flatMap((input) => [input, ...input.split(/[@.\s]+/)]).filter((input) => input.length >= 3);
  const result = estimator.check(password, inputs);
  if (result.score < 3) {
    const hint = result.feedback.warning || result.feedback.suggestions[0] || "it is too easy to guess";
    throw new ValidationError(field, `This password is too common or easy to guess: ${hint.replace(/\.$/, "")}.`, "WEAK_PASSWORD");
  }
}

import { z } from "zod";
import { NotFoundError } from "./errors";

const uuid = z.uuid();

/** A malformed id cannot name anything: answer 404 like any unknown id, never a database error. */
export function parseId(value: string | undefined, resource: string): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw new NotFoundError(resource);
  return parsed.data;
}

import type { z } from "zod";
import { ValidationError } from "./errors";

/** Query-string parameters validated like bodies: 422 naming the parameter. */
export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) {
    const [issue] = result.error.issues;
    throw new ValidationError(issue?.path.map(String).join(".") || "query", issue?.message ?? "Invalid value.");
  }
  return result.data;
}

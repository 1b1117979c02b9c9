import type { z } from "zod";
import { readCappedStream } from "@/lib/streams/read-capped-stream";
import { BadRequestError, PayloadTooLargeError, ValidationError } from "./errors";

export const DEFAULT_JSON_LIMIT_BYTES = 64 * 1024;

/**
 * Reads and validates a JSON body: over the limit -> 413 (the stream is cut off, not buffered whole),
 * not JSON -> 400, wrong shape -> 422 naming the first offending field by its dotted path.
 */
export async function readJson<T extends z.ZodType>(
  request: Request,
  schema: T,
  limitBytes = DEFAULT_JSON_LIMIT_BYTES,
): Promise<z.infer<T>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw new PayloadTooLargeError(limitBytes);
  const text = await readCapped(request, limitBytes);

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestError("The request body is not valid JSON.", { code: "INVALID_JSON" });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const [issue] = result.error.issues;
    const field = issue?.path.map(String).join(".") || "body";
    throw new ValidationError(field, issue?.message ?? "Invalid value.");
  }
  return result.data;
}

async function readCapped(request: Request, limitBytes: number): Promise<string> {
  return new TextDecoder().decode(await readCappedBytes(request, limitBytes));
}

/** The body's bytes, refusing with 413 as soon as it passes the limit (never buffered whole). */
export async function readCappedBytes(request: Request, limitBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await readCappedStream(request.body, limitBytes);
  if (!bytes) throw new PayloadTooLargeError(limitBytes);
  return bytes;
}

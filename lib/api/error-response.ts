import { logger } from "@/lib/logger";
import { AppError } from "./errors";

export interface ErrorBody {
  error: { code: string; message: string; field?: string; requestId?: string; details?: Record<string, string> };
}

/**
 * The single mapping from thrown errors to HTTP. Known errors keep their status, code, message and
 * field; anything else is logged with the request id and answered as a generic 500 that never
 * reveals the cause (no driver messages, no stack, no SQL).
 */
export function toErrorResponse(error: unknown, requestId: string): Response {
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store", "x-request-id": requestId });
  if (error instanceof AppError) {
    for (const [name, value] of Object.entries(error.headers)) headers.set(name, value);
    const body: ErrorBody = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
        ...(error.details ? { details: error.details } : {}),
      },
    };
    return new Response(JSON.stringify(body), { status: error.status, headers });
  }
  logger.error({ err: error, requestId }, "unhandled error");
  const body: ErrorBody = {
    error: {
      code: "INTERNAL_ERROR",
      message: `Something went wrong on our side. If it keeps happening, quote reference ${requestId}.`,
      requestId,
    },
  };
  return new Response(JSON.stringify(body), { status: 500, headers });
}

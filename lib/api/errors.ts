/**
 * The one error hierarchy of the app. Services throw these; `toErrorResponse` (lib/api/error-response.ts)
 * is the only place that turns them into HTTP. Anything else thrown is an internal error: logged with
 * the request id, answered as a generic 500 that never shows the cause.
 */
export type ErrorCode =
  | "BAD_REQUEST"
  | "INVALID_JSON"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "VALIDATION_FAILED"
  | "RATE_LIMITED"
  | "SERVICE_UNAVAILABLE"
  | (string & {});

export interface AppErrorOptions {
  field?: string;
  cause?: unknown;
  headers?: Record<string, string>;
  /** Non-sensitive facts a client can act on, e.g. the id of an existing report it could reuse. */
  details?: Record<string, string>;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly field?: string;
  readonly headers: Record<string, string>;
  readonly details?: Record<string, string>;

  constructor(status: number, code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.headers = options.headers ?? {};
    this.details = options.details;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, options: AppErrorOptions & { code?: ErrorCode } = {}) {
    super(400, options.code ?? "BAD_REQUEST", message, options);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in to continue.") {
    super(401, "UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do this.", code: ErrorCode = "FORBIDDEN") {
    super(403, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(resource = "Resource") {
    super(404, "NOT_FOUND", `${resource} not found.`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, options: AppErrorOptions & { code?: ErrorCode } = {}) {
    super(409, options.code ?? "CONFLICT", message, options);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${Math.round(limitBytes / 1024)} KB.`);
  }
}

/** Input that parsed but is not acceptable: always names the offending field. */
export class ValidationError extends AppError {
  constructor(field: string, message: string, code: ErrorCode = "VALIDATION_FAILED") {
    super(422, code, message, { field });
  }
}

export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, message = "Too many requests. Try again later.") {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(429, "RATE_LIMITED", message, { headers: { "Retry-After": String(seconds) } });
    this.retryAfterSeconds = seconds;
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super(503, "SERVICE_UNAVAILABLE", message, options);
  }
}

/** The data was crypto-shredded at the data subject's request; it cannot come back. */
export class ErasedError extends AppError {
  constructor(message = "This record was erased at the data subject's request.") {
    super(410, "ERASED", message);
  }
}

/**
 * Graph API error responses in the shape Meta returns them:
 *   {"error":{"message","type","code","error_subcode"?,"error_data"?:{"messaging_product","details"},"fbtrace_id"}}
 * Handlers throw GraphError; the router turns it into the HTTP response.
 */
import { newTraceId } from "./ids";

export class GraphError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    message: string,
    readonly extra: { type?: string; subcode?: number; details?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "GraphError";
  }

  toBody(): string {
    const { type = "OAuthException", subcode, details } = this.extra;
    return JSON.stringify({
      error: {
        message: this.message,
        type,
        code: this.code,
        ...(subcode === undefined ? {} : { error_subcode: subcode }),
        ...(details === undefined ? {} : { error_data: { messaging_product: "whatsapp", details } }),
        fbtrace_id: newTraceId(),
      },
    });
  }
}

export function invalidToken(): GraphError {
  const message = "Invalid OAuth access token - Cannot parse access token";
  return new GraphError(401, 190, message, {
    headers: { "WWW-Authenticate": `OAuth "Facebook Platform" "invalid_token" "${message}"` },
  });
}

export function unknownObject(method: string, id: string): GraphError {
  return new GraphError(
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    { type: "GraphMethodException", subcode: 33 },
  );
}

export function unknownPath(path: string): GraphError {
  return new GraphError(400, 2500, `Unknown path components: ${path}`);
}

/** A field is missing, has the wrong type, or is outside its length / count bounds. */
export function invalidParameter(details: string): GraphError {
  return new GraphError(400, 100, "(#100) Invalid parameter", { details });
}

/** Every field is well formed, but the values clash (duplicates) or refer to nothing (unknown media id). */
export function valueNotValid(details: string): GraphError {
  return new GraphError(400, 131009, "(#131009) Parameter value is not valid", { details });
}

export function templateNotFound(name: string, language: string): GraphError {
  return new GraphError(404, 132001, "(#132001) Template name does not exist in the translation", {
    details: `template name (${name}) does not exist in ${language}`,
  });
}

export function templateParameterCount(given: number, expected: number): GraphError {
  return new GraphError(400, 132000, "(#132000) Number of parameters does not match the expected number of params", {
    details: `body: number of localizable_params (${given}) does not match the expected number of params (${expected})`,
  });
}

export function templateParameterFormat(field: string): GraphError {
  return new GraphError(400, 132018, "(#132018) There was an issue with the parameters in your template.", {
    details: `Param ${field} cannot have new-line/tab characters or more than 4 consecutive spaces`,
  });
}

export function mediaUploadError(details: string): GraphError {
  return new GraphError(400, 131053, "(#131053) Media upload error", { details });
}

/** Titles Meta uses for the codes tests inject most; anything else gets a generic title. */
const FAULT_TITLES: Record<number, { title: string; details: string }> = {
  1: { title: "An unknown error occurred", details: "Invalid request or possible server error." },
  2: { title: "Service temporarily unavailable", details: "Temporary due to downtime or due to being overloaded." },
  4: { title: "Application request limit reached", details: "The app has reached its API call rate limit." },
  80007: { title: "Rate limit issues", details: "The WhatsApp Business Account has reached its rate limit." },
  130429: { title: "Rate limit hit", details: "Cloud API message throughput has been reached." },
  131000: { title: "Something went wrong", details: "Message failed to send due to an unknown error." },
  131016: { title: "Service unavailable", details: "A service is temporarily unavailable." },
  131048: { title: "Spam rate limit hit", details: "Message failed to send because there are restrictions on how many messages can be sent from this phone number." },
  131056: { title: "(Business Account, Consumer Account) pair rate limit hit", details: "Too many messages sent from the sender phone number to the same recipient phone number in a short period of time." },
};

export function faultTitle(code: number): string {
  return FAULT_TITLES[code]?.title ?? "Injected sandbox failure";
}

export function injectedFault(failure: { httpStatus: number; code: number; message?: string; retryAfterSeconds?: number }): GraphError {
  const known = FAULT_TITLES[failure.code];
  const title = failure.message ?? faultTitle(failure.code);
  return new GraphError(failure.httpStatus, failure.code, title.startsWith("(#") ? title : `(#${failure.code}) ${title}`, {
    details: known?.details ?? "Injected by the sandbox (failNext).",
    headers: failure.retryAfterSeconds === undefined ? {} : { "Retry-After": String(failure.retryAfterSeconds) },
  });
}

import { logger } from "@/lib/logger";
import { toErrorResponse } from "./error-response";
import { requestContext, type RequestContext } from "./request-context";

export type RouteParams = Record<string, string | string[] | undefined>;

export type ApiHandler<P extends RouteParams> = (
  request: Request,
  context: RequestContext & { params: P },
) => Promise<Response>;

/**
 * The entry-point wrapper for public route handlers: request id, timing log, and the one error
 * mapping. Authenticated routes use the session wrapper built on top of it (accounts issue).
 */
export function withApi<P extends RouteParams = RouteParams>(handler: ApiHandler<P>) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    const context = requestContext(request);
    const started = performance.now();
    let response: Response;
    try {
      response = await handler(request, { ...context, params: await route.params });
      response.headers.set("x-request-id", context.requestId);
    } catch (error) {
      response = toErrorResponse(error, context.requestId);
    }
    logger.info(
      {
        requestId: context.requestId,
        method: request.method,
        route: loggablePath(new URL(request.url).pathname),
        status: response.status,
        durationMs: Math.round(performance.now() - started),
      },
      "request",
    );
    return response;
  };
}

/** Single-use link tokens travel in a few paths (/api/consent/:token); they never reach the logs. */
export function loggablePath(pathname: string): string {
  return pathname.replace(/\/[A-Za-z0-9_-]{32,}(?=\/|$)/g, "/:token");
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { ...init, headers });
}

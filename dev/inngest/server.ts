/**
 * HTTP surface of the executor.
 *
 *   POST /e/:key        events (Inngest.ts `_send`); answers `{ ids, status: 200 }`, the shape of
 *                       types.ts `sendEventResponseSchema`. Any key is accepted (dev mode).
 *   POST /fn/register   app sync (InngestCommHandler.ts `register()`); answers
 *                       `{ ok, status, modified, skipped }` (its `registerResSchema`).
 *   GET  /runs          run history JSON: `{ now, virtualTime, runs }`; GET /runs/:id one run
 *   GET  /events        recent events (ids and names only)
 *   GET  /apps          synced apps and their functions
 *   GET  /              small HTML page listing runs
 *   GET  /health        `{ ok: true }`
 *
 * No request signing: the SDK only verifies signatures in cloud mode (InngestCommHandler.ts
 * `validateSignature` returns success when `client.mode !== "cloud"`), and the register call in
 * dev mode carries no signing key, so this stand-in neither sends nor checks `x-inngest-signature`.
 */
import http from "node:http";
import type { Activity } from "./clock";
import { describeError, type Logger } from "./logger";
import { type RegisterRequest, registerRequestSchema, sendEventsBodySchema, type EventPayloadIn } from "./schemas";

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface ServerRoutes {
  ingest(events: EventPayloadIn[], seed: string | undefined): string[];
  register(request: RegisterRequest): { modified: boolean };
  runsJson(): unknown;
  runJson(id: string): unknown;
  eventsJson(): unknown;
  appsJson(): unknown;
  html(): string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, "body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "body is not valid JSON");
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, contentType = "application/json"): void {
  const text = typeof body === "string" && contentType !== "application/json" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": `${contentType}; charset=utf-8`, "cache-control": "no-store" });
  res.end(text);
}

export function createExecutorServer(routes: ServerRoutes, activity: Activity, logger: Logger): http.Server {
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://executor.local");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const method = req.method ?? "GET";

    if (method === "POST" && /^\/e\/[^/]+$/.test(path)) {
      let ids: string[];
      try {
        const parsed = sendEventsBodySchema.safeParse(await readJson(req));
        if (!parsed.success) throw new HttpError(400, "invalid event payload: each event needs a string `name`");
        const seed = req.headers["x-inngest-event-id-seed"];
        ids = routes.ingest(Array.isArray(parsed.data) ? parsed.data : [parsed.data], typeof seed === "string" ? seed : undefined);
      } catch (err) {
        const status = err instanceof HttpError ? err.status : 500;
        return send(res, status, { ids: [], status, error: err instanceof HttpError ? err.message : "internal error" });
      }
      return send(res, 200, { ids, status: 200 });
    }

    if (method === "POST" && path === "/fn/register") {
      const expected = req.headers["x-inngest-expected-server-kind"];
      if (typeof expected === "string" && expected !== "" && expected !== "dev") {
        return send(res, 400, { ok: false, status: 400, error: `expected a ${expected} server, this is a dev server` });
      }
      const parsed = registerRequestSchema.safeParse(await readJson(req));
      if (!parsed.success) {
        logger.warn("app.register_invalid", { issues: parsed.error.issues.length });
        return send(res, 400, { ok: false, status: 400, error: "invalid register request" });
      }
      const { modified } = routes.register(parsed.data);
      return send(res, 200, { ok: true, status: 200, modified, skipped: !modified });
    }

    if (method === "GET") {
      if (path === "/") return send(res, 200, routes.html(), "text/html");
      if (path === "/health") return send(res, 200, { ok: true });
      if (path === "/runs") return send(res, 200, routes.runsJson());
      if (path === "/events") return send(res, 200, routes.eventsJson());
      if (path === "/apps") return send(res, 200, routes.appsJson());
      const runMatch = /^\/runs\/([^/]+)$/.exec(path);
      if (runMatch?.[1]) {
        const run = routes.runJson(decodeURIComponent(runMatch[1]));
        return run === undefined ? send(res, 404, { error: "run not found" }) : send(res, 200, run);
      }
    }

    logger.debug("http.not_found", { method, path });
    send(res, 404, { error: "not found" });
  };

  return http.createServer((req, res) => {
    activity.enter();
    let exited = false;
    const exit = () => {
      if (!exited) {
        exited = true;
        activity.exit();
      }
    };
    res.on("close", exit);
    res.on("finish", exit);
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        if (!res.headersSent) send(res, err.status, { error: err.message });
        return;
      }
      logger.error("http.error", { path: req.url?.split("?")[0], reason: describeError(err) });
      if (!res.headersSent) send(res, 500, { error: "internal error" });
      else res.end();
    });
  });
}

/**
 * Keeps apps synced, like the real dev server does: `PUT <app>/api/inngest` asks the SDK's serve
 * handler to register (InngestCommHandler.ts, `method === "PUT"` → out-of-band `register()`), which
 * makes the SDK `POST <INNGEST_BASE_URL>/fn/register` with its function configs. We PUT at start,
 * then every `intervalMs` (so a restarted app, possibly on new code, is re-synced), retrying until
 * the app is reachable. Only state changes are logged (reachable ⇄ unreachable), never each poll.
 */
import { describeError, type Logger } from "./logger";

const PUT_TIMEOUT_MS = 30_000;

type SyncState = "pending" | "synced" | "unreachable" | "rejected";

interface AppTarget {
  url: string;
  putUrl: string;
  state: SyncState;
  inFlight: Promise<boolean> | undefined;
}

/** App base URL (`http://localhost:3000`) → serve endpoint; a URL that already has a path is kept. */
export function serveEndpoint(appUrl: string): string {
  const url = new URL(appUrl);
  if (url.pathname === "/" || url.pathname === "") url.pathname = "/api/inngest";
  return url.href;
}

export class AppSyncer {
  private readonly apps = new Map<string, AppTarget>();
  private interval: NodeJS.Timeout | undefined;
  private readonly controller = new AbortController();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  add(appUrl: string): Promise<boolean> {
    const putUrl = serveEndpoint(appUrl);
    const existing = this.apps.get(putUrl);
    const target = existing ?? { url: appUrl, putUrl, state: "pending" as const, inFlight: undefined };
    this.apps.set(putUrl, target);
    this.ensureInterval();
    return this.sync(target);
  }

  syncAll(): Promise<boolean[]> {
    return Promise.all([...this.apps.values()].map((app) => this.sync(app)));
  }

  close(): void {
    if (this.interval) clearInterval(this.interval);
    this.interval = undefined;
    this.controller.abort();
  }

  states(): { url: string; state: SyncState }[] {
    return [...this.apps.values()].map((a) => ({ url: a.putUrl, state: a.state }));
  }

  private ensureInterval(): void {
    if (this.interval || this.intervalMs <= 0) return;
    this.interval = setInterval(() => void this.syncAll(), this.intervalMs);
    this.interval.unref();
  }

  private sync(app: AppTarget): Promise<boolean> {
    app.inFlight ??= this.put(app).finally(() => {
      app.inFlight = undefined;
    });
    return app.inFlight;
  }

  private transition(app: AppTarget, state: SyncState, fields: Record<string, string | number> = {}): void {
    if (app.state === state) return;
    app.state = state;
    if (state === "synced") this.logger.info("app.synced", { app_url: app.putUrl, ...fields });
    else this.logger.warn(`app.${state}`, { app_url: app.putUrl, ...fields });
  }

  private async put(app: AppTarget): Promise<boolean> {
    if (this.controller.signal.aborted) return false;
    try {
      const response = await fetch(app.putUrl, {
        method: "PUT",
        headers: { "x-inngest-server-kind": "dev" },
        signal: AbortSignal.any([AbortSignal.timeout(PUT_TIMEOUT_MS), this.controller.signal]),
      });
      const text = await response.text();
      if (response.ok) {
        this.transition(app, "synced");
        return true;
      }
      // The SDK answers `{ message, modified }` with the status of its own register call.
      let message = `HTTP ${response.status}`;
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === "object" && "message" in parsed && typeof parsed.message === "string") {
          message = parsed.message.slice(0, 200);
        }
      } catch {
        // not JSON; keep the status
      }
      this.transition(app, "rejected", { status: response.status, reason: message });
      return false;
    } catch (err) {
      if (this.controller.signal.aborted) return false;
      this.transition(app, "unreachable", { reason: describeError(err) });
      return false;
    }
  }
}

/**
 * Registered apps and their functions, as synced by the SDK (`POST /fn/register`,
 * InngestCommHandler.ts `register()` / `registerBody()`).
 *
 * Function ids are already app-prefixed by the SDK (`${appId}-${fnId}`, InngestFunction.ts
 * `getConfig`), and an `onFailure` handler is registered as a separate function `${id}-failure`
 * triggered by `inngest/function.failed` with `event.data.function_id == '<id>'`.
 */
import { createHash } from "node:crypto";
import type { FunctionConfig, RegisterRequest } from "./schemas";

/** defaultMaxRetries in the SDK's helpers/consts.ts. */
export const DEFAULT_RETRIES = 3;

export interface RegisteredFunction {
  id: string;
  name: string;
  appId: string;
  /** Step runtime URL from the config (`...?fnId=<id>&stepId=step`). */
  stepUrl: string;
  /** Retries after the first attempt (`steps.step.retries.attempts`, default 3). */
  retries: number;
  config: FunctionConfig;
}

export interface RegisteredApp {
  id: string;
  url: string;
  framework: string | undefined;
  sdk: string | undefined;
  functionIds: string[];
  syncedAt: number;
  hash: string;
}

const UNSUPPORTED_OPTIONS = ["debounce", "batchEvents", "singleton", "priority", "timeouts"] as const;

export class FunctionRegistry {
  private readonly apps = new Map<string, RegisteredApp>();
  private readonly functions = new Map<string, RegisteredFunction>();
  private readonly listeners: (() => void)[] = [];

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Replaces the app's functions. Returns whether anything changed and options we ignore. */
  register(request: RegisterRequest, now: number): { modified: boolean; unsupported: string[] } {
    const hash = createHash("sha256").update(JSON.stringify([request.url, request.functions])).digest("hex");
    const previous = this.apps.get(request.appName);
    const unsupported: string[] = [];
    if (previous?.hash === hash) {
      previous.syncedAt = now;
      return { modified: false, unsupported };
    }
    for (const id of previous?.functionIds ?? []) this.functions.delete(id);
    const functionIds: string[] = [];
    for (const config of request.functions) {
      const step = Object.values(config.steps)[0];
      if (!step) continue;
      this.functions.set(config.id, {
        id: config.id,
        name: config.name ?? config.id,
        appId: request.appName,
        stepUrl: step.runtime.url,
        retries: step.retries?.attempts ?? DEFAULT_RETRIES,
        config,
      });
      functionIds.push(config.id);
      for (const option of UNSUPPORTED_OPTIONS) {
        if (config[option] !== undefined) unsupported.push(`${config.id}:${option}`);
      }
    }
    this.apps.set(request.appName, {
      id: request.appName,
      url: request.url,
      framework: request.framework,
      sdk: request.sdk,
      functionIds,
      syncedAt: now,
      hash,
    });
    for (const listener of this.listeners) listener();
    return { modified: true, unsupported };
  }

  get(id: string): RegisteredFunction | undefined {
    return this.functions.get(id);
  }

  all(): RegisteredFunction[] {
    return [...this.functions.values()];
  }

  listApps(): RegisteredApp[] {
    return [...this.apps.values()];
  }
}

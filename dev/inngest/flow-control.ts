/**
 * Flow control from the function config (types.ts functionConfigSchema):
 * - `concurrency` (number | { limit, key?, scope? } | up to two of them): like Inngest, it limits
 *   steps *executing* at once (a sleeping or waiting run holds no slot). The slot is held for each
 *   request to the app. `scope: "env" | "account"` with a key shares the limit across functions.
 * - `throttle` ({ limit, period, key?, burst? }): at most limit (+burst) run *starts* per sliding
 *   period per key; extra runs are queued FIFO, not dropped.
 * - `rateLimit` ({ limit, period, key? }): extra runs in the period are skipped.
 * - `idempotency` (key expression): one run per key per 24h.
 * Keys are CEL expressions evaluated against `{ event }` (see expressions.ts).
 */
import type { Clock } from "./clock";
import { parseDuration } from "./duration";
import { evaluateKey } from "./expressions";
import type { Logger } from "./logger";
import type { RegisteredFunction } from "./registry";
import type { ConcurrencyOption } from "./schemas";
import type { StoredEvent } from "./triggers";

const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

interface Semaphore {
  active: number;
  queue: (() => void)[];
}

interface ThrottleQueue {
  starts: number[];
  waiting: (() => void)[];
  timerArmed: boolean;
}

export class FlowControl {
  private readonly semaphores = new Map<string, Semaphore>();
  private readonly throttles = new Map<string, ThrottleQueue>();
  private readonly rateLogs = new Map<string, number[]>();
  private readonly idempotency = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  private key(expression: string | undefined, event: StoredEvent): string {
    if (expression === undefined) return "";
    try {
      return evaluateKey(expression, { event }) ?? "";
    } catch (err) {
      this.logger.warn("flow.key_unsupported", { reason: err instanceof Error ? err.message : "error" });
      return "";
    }
  }

  /** Called when a run is created; returns why it must be skipped, if it must. */
  admit(fn: RegisteredFunction, event: StoredEvent): "rate_limited" | "idempotent" | undefined {
    const now = this.clock.now();
    const { idempotency, rateLimit } = fn.config;
    if (idempotency !== undefined) {
      const key = `${fn.id}\u0000${this.key(idempotency, event)}`;
      const until = this.idempotency.get(key);
      if (until !== undefined && until > now) return "idempotent";
      this.idempotency.set(key, now + IDEMPOTENCY_WINDOW_MS);
    }
    if (rateLimit !== undefined) {
      const period = parseDuration(rateLimit.period) ?? 0;
      const key = `${fn.id}\u0000${this.key(rateLimit.key, event)}`;
      const log = (this.rateLogs.get(key) ?? []).filter((t) => t > now - period);
      if (log.length >= rateLimit.limit) {
        this.rateLogs.set(key, log);
        return "rate_limited";
      }
      log.push(now);
      this.rateLogs.set(key, log);
    }
    return undefined;
  }

  /** Resolves when the run may start under its throttle (FIFO per key). */
  waitForThrottle(fn: RegisteredFunction, event: StoredEvent): Promise<void> | undefined {
    const throttle = fn.config.throttle;
    if (throttle === undefined || throttle.limit <= 0) return undefined;
    const period = parseDuration(throttle.period) ?? 0;
    const capacity = throttle.limit + Math.max(0, throttle.burst ?? 0);
    const key = `${fn.id}\u0000${this.key(throttle.key, event)}`;
    const queue = this.throttles.get(key) ?? { starts: [], waiting: [], timerArmed: false };
    this.throttles.set(key, queue);
    const promise = new Promise<void>((resolve) => queue.waiting.push(resolve));
    const pump = () => {
      queue.timerArmed = false;
      const now = this.clock.now();
      queue.starts = queue.starts.filter((t) => t > now - period);
      while (queue.waiting.length > 0 && queue.starts.length < capacity) {
        queue.starts.push(now);
        queue.waiting.shift()?.();
      }
      const oldest = queue.starts[0];
      if (queue.waiting.length > 0 && oldest !== undefined && !queue.timerArmed) {
        queue.timerArmed = true;
        this.clock.schedule(oldest + period, "internal", pump);
      }
    };
    if (!queue.timerArmed) pump();
    return promise;
  }

  private concurrencyKeys(fn: RegisteredFunction, event: StoredEvent): { key: string; limit: number }[] {
    const raw = fn.config.concurrency;
    if (raw === undefined) return [];
    const options: ConcurrencyOption[] = typeof raw === "number" ? [{ limit: raw }] : Array.isArray(raw) ? raw : [raw];
    return options
      .filter((o) => o.limit > 0)
      .map((o) => {
        const value = this.key(o.key, event);
        const scope = o.scope ?? "fn";
        const key = scope === "fn" || o.key === undefined ? `fn:${fn.id}:${o.key ?? ""}:${value}` : `${scope}:${o.key}:${value}`;
        return { key, limit: o.limit };
      })
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Waits for every concurrency slot the run needs (fixed order, so no deadlock). Returns release. */
  async acquire(fn: RegisteredFunction, event: StoredEvent, park: <T>(p: Promise<T>) => Promise<T>): Promise<() => void> {
    const held: Semaphore[] = [];
    for (const { key, limit } of this.concurrencyKeys(fn, event)) {
      const semaphore = this.semaphores.get(key) ?? { active: 0, queue: [] };
      this.semaphores.set(key, semaphore);
      if (semaphore.active < limit) {
        semaphore.active += 1;
      } else {
        // The releaser hands its slot over directly (active stays the same).
        await park(new Promise<void>((resolve) => semaphore.queue.push(resolve)));
      }
      held.push(semaphore);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const semaphore of held) {
        const next = semaphore.queue.shift();
        if (next) next();
        else semaphore.active -= 1;
      }
    };
  }
}

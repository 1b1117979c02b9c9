/**
 * The fallback limiter: @upstash/ratelimit's sliding window, reimplemented over a Map. Same
 * arithmetic as its Lua script (`slidingWindowLimitScript`): requests in the current fixed window plus
 * the previous window's count weighted by how much of it still overlaps, denied once that reaches
 * the limit; `reset` is the end of the current fixed window. It also mirrors the SDK's ephemeral cache:
 * a denied key stays denied until that reset.
 *
 * Limits here are per process (each server instance counts on its own); it exists so that a missing
 * or unreachable Redis degrades rate limiting instead of switching it off.
 */
export interface SlidingWindowResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds at which the current window ends. */
  reset: number;
}

interface Entry {
  windowMs: number;
  /** Index of the current fixed window (floor(now / windowMs)). */
  window: number;
  current: number;
  previous: number;
  blockedUntil: number;
}

export interface InProcessSlidingWindowOptions {
  /** Upper bound on tracked keys; the oldest are dropped beyond it. Default 50 000. */
  maxKeys?: number;
  now?: () => number;
}

export class InProcessSlidingWindow {
  private readonly entries = new Map<string, Entry>();
  private readonly maxKeys: number;
  private readonly now: () => number;
  private callsSinceSweep = 0;

  constructor(options: InProcessSlidingWindowOptions = {}) {
    this.maxKeys = options.maxKeys ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  limit(key: string, limit: number, windowMs: number): SlidingWindowResult {
    const now = this.now();
    const currentWindow = Math.floor(now / windowMs);
    const reset = (currentWindow + 1) * windowMs;

    let entry = this.entries.get(key);
    if (!entry || entry.windowMs !== windowMs) {
      entry = { windowMs, window: currentWindow, current: 0, previous: 0, blockedUntil: 0 };
    } else if (entry.window === currentWindow - 1) {
      entry.previous = entry.current;
      entry.current = 0;
      entry.window = currentWindow;
    } else if (entry.window < currentWindow - 1) {
      entry.previous = 0;
      entry.current = 0;
      entry.window = currentWindow;
    }
    // Re-insert so Map order is least-recently-used first (eviction drops from the front).
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.maybeSweep(now);

    if (entry.blockedUntil > now) {
      return { success: false, limit, remaining: 0, reset: entry.blockedUntil };
    }

    const overlap = 1 - (now % windowMs) / windowMs;
    const weightedPrevious = Math.floor(overlap * entry.previous);
    if (weightedPrevious + entry.current >= limit) {
      entry.blockedUntil = reset;
      return { success: false, limit, remaining: 0, reset };
    }
    entry.current += 1;
    return { success: true, limit, remaining: Math.max(0, limit - (entry.current + weightedPrevious)), reset };
  }

  get size(): number {
    return this.entries.size;
  }

  private maybeSweep(now: number) {
    this.callsSinceSweep += 1;
    if (this.callsSinceSweep < 1_000 && this.entries.size <= this.maxKeys) return;
    this.callsSinceSweep = 0;
    for (const [key, entry] of this.entries) {
      // Both counters are from windows that no longer count, and no block is pending.
      if (Math.floor(now / entry.windowMs) > entry.window + 1 && entry.blockedUntil <= now) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxKeys) break;
      this.entries.delete(key);
    }
  }
}

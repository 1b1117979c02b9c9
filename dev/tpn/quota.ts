/**
 * TPN's per-second quota as a fixed one-second window, reported in the contract's RateLimit-* headers.
 */
export interface QuotaState {
  limit: number;
  remaining: number;
  /** Whole seconds until the window resets (at least 1 while a window is open). */
  resetSeconds: number;
}

export class SecondQuota {
  private windowStart = 0;
  private used = 0;

  constructor(
    private limit: number,
    private readonly now: () => number,
  ) {}

  setLimit(limit: number) {
    this.limit = limit;
  }

  private roll() {
    const start = Math.floor(this.now() / 1000) * 1000;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
  }

  /** Takes one request from the window; `allowed` is false when the window is used up. */
  take(): { allowed: boolean; state: QuotaState } {
    this.roll();
    const allowed = this.used < this.limit;
    if (allowed) this.used += 1;
    return { allowed, state: this.state() };
  }

  peek(): QuotaState {
    this.roll();
    return this.state();
  }

  private state(): QuotaState {
    const msLeft = this.windowStart + 1000 - this.now();
    return { limit: this.limit, remaining: Math.max(0, this.limit - this.used), resetSeconds: Math.max(1, Math.ceil(msLeft / 1000)) };
  }
}

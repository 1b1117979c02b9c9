/**
 * Time and "is anything happening?" tracking for the executor.
 *
 * - `Activity` counts live work (run loops not parked on a timer/event, in-flight HTTP requests).
 *   It is how the virtual clock and `waitForIdle()` know the system has settled.
 * - `RealClock` uses setTimeout.
 * - `VirtualClock` (tests) never waits: whenever the system is idle it jumps to the earliest timer
 *   and fires it, one at a time, waiting for the system to settle in between (a discrete-event
 *   simulation). It only jumps on its own for timers the executor itself is waiting on ("internal":
 *   retry backoff, throttle windows; "sleep": step.sleep). "passive" timers (waitForEvent / invoke
 *   timeouts, cron ticks) fire only when the clock passes them anyway or on `advanceBy()`, so a test
 *   can still deliver the event a run is waiting for before its timeout "elapses".
 */
import { setImmediate as nextMacrotask } from "node:timers/promises";

export type TimerKind = "internal" | "sleep" | "passive";

export class Activity {
  private busy = 0;
  private generation = 0;

  enter(): void {
    this.busy += 1;
    this.generation += 1;
  }

  exit(): void {
    this.busy = Math.max(0, this.busy - 1);
    this.generation += 1;
  }

  get count(): number {
    return this.busy;
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.enter();
    try {
      return await work();
    } finally {
      this.exit();
    }
  }

  /** Await `promise` without counting as busy (the wake-up comes from elsewhere). */
  async park<T>(promise: Promise<T>): Promise<T> {
    this.exit();
    try {
      return await promise;
    } finally {
      this.enter();
    }
  }

  /** Resolves once nothing is busy and nothing changed across two macrotask turns. */
  async settled(isClosed: () => boolean = () => false): Promise<void> {
    for (;;) {
      if (isClosed()) return;
      if (this.busy === 0) {
        const seen = this.generation;
        await nextMacrotask();
        await nextMacrotask();
        if (this.busy === 0 && seen === this.generation) return;
      } else {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
  }
}

export interface Clock {
  readonly virtual: boolean;
  now(): number;
  /** Runs `fire` at `dueAt` (clock time). Returns a cancel function. */
  schedule(dueAt: number, kind: TimerKind, fire: () => void): () => void;
  /** Timers of these kinds still pending (for idle detection). */
  pending(kinds: readonly TimerKind[]): number;
  /** Virtual clock only: move time forward by `ms`, firing everything due on the way. */
  advanceBy(ms: number): Promise<void>;
  /** The furthest time the clock is currently moving to (now, unless a virtual advance is under way). */
  horizon(): number;
  close(): void;
}

interface Timer {
  seq: number;
  dueAt: number;
  kind: TimerKind;
  fire: () => void;
}

/**
 * Fires a timer while counted as busy until the next macrotask, so the woken code (a promise
 * continuation) has re-entered `Activity` before anyone can observe an idle system.
 */
async function fireGuarded(activity: Activity, fire: () => void): Promise<void> {
  activity.enter();
  try {
    fire();
    await nextMacrotask();
  } finally {
    activity.exit();
  }
}

export class RealClock implements Clock {
  readonly virtual = false;
  private readonly timers = new Map<number, { timer: Timer; handle: NodeJS.Timeout }>();
  private seq = 0;

  constructor(private readonly activity: Activity) {}

  now(): number {
    return Date.now();
  }

  schedule(dueAt: number, kind: TimerKind, fire: () => void): () => void {
    const seq = ++this.seq;
    const timer: Timer = { seq, dueAt, kind, fire };
    // setTimeout caps at ~24.8 days; re-arm for longer waits.
    const arm = () => {
      const delay = Math.min(Math.max(0, timer.dueAt - Date.now()), 2_000_000_000);
      const handle = setTimeout(() => {
        if (Date.now() < timer.dueAt) return arm();
        this.timers.delete(seq);
        void fireGuarded(this.activity, timer.fire);
      }, delay);
      handle.unref();
      this.timers.set(seq, { timer, handle });
    };
    arm();
    return () => {
      const entry = this.timers.get(seq);
      if (entry) clearTimeout(entry.handle);
      this.timers.delete(seq);
    };
  }

  pending(kinds: readonly TimerKind[]): number {
    let n = 0;
    for (const { timer } of this.timers.values()) if (kinds.includes(timer.kind)) n += 1;
    return n;
  }

  advanceBy(): Promise<void> {
    return Promise.reject(new Error("advanceBy() needs virtualTime: true"));
  }

  horizon(): number {
    return Date.now();
  }

  close(): void {
    for (const { handle } of this.timers.values()) clearTimeout(handle);
    this.timers.clear();
  }
}

const AUTO_KINDS: readonly TimerKind[] = ["internal", "sleep"];

export class VirtualClock implements Clock {
  readonly virtual = true;
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;
  private looping = false;
  private closed = false;
  private advances: { target: number; done: () => void }[] = [];

  constructor(
    start: number,
    private readonly activity: Activity,
  ) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(dueAt: number, kind: TimerKind, fire: () => void): () => void {
    const timer: Timer = { seq: ++this.seq, dueAt, kind, fire };
    this.timers.push(timer);
    this.kick();
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  pending(kinds: readonly TimerKind[]): number {
    return this.timers.filter((t) => kinds.includes(t.kind)).length;
  }

  horizon(): number {
    return this.advances.reduce((max, advance) => Math.max(max, advance.target), this.current);
  }

  advanceBy(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((done) => {
      this.advances.push({ target: this.current + Math.max(0, ms), done });
      this.kick();
    });
  }

  close(): void {
    this.closed = true;
    this.timers = [];
    for (const advance of this.advances.splice(0)) advance.done();
  }

  private earliest(kinds?: readonly TimerKind[]): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (kinds && !kinds.includes(t.kind)) continue;
      if (!best || t.dueAt < best.dueAt || (t.dueAt === best.dueAt && t.seq < best.seq)) best = t;
    }
    return best;
  }

  /**
   * The single driver loop: while the system is idle, fire the earliest timer if it is due before
   * the furthest point time may move to (the earliest internal/sleep timer, or a requested
   * `advanceBy` target). One timer per settle, so causality is preserved.
   */
  private kick(): void {
    if (this.looping || this.closed) return;
    this.looping = true;
    void (async () => {
      try {
        for (;;) {
          await this.activity.settled(() => this.closed);
          if (this.closed) return;
          const advanceTarget = this.advances.reduce((max, a) => Math.max(max, a.target), -Infinity);
          const limit = Math.max(advanceTarget, this.earliest(AUTO_KINDS)?.dueAt ?? -Infinity);
          const next = this.earliest();
          if (next && next.dueAt <= limit) {
            this.timers = this.timers.filter((t) => t !== next);
            this.current = Math.max(this.current, next.dueAt);
            await fireGuarded(this.activity, next.fire);
            continue;
          }
          if (this.advances.length === 0) return;
          this.current = Math.max(this.current, advanceTarget);
          for (const advance of this.advances.splice(0)) advance.done();
        }
      } finally {
        this.looping = false;
      }
    })();
  }
}

/**
 * Pending `step.waitForEvent` calls. The op (InngestStepTools.ts waitForEvent) carries the event
 * name in `name` and `opts: { timeout, if? }`; in `if`, `event` is the run's triggering event and
 * `async` the candidate event. Only events received after the wait was registered can match.
 */
import type { Logger } from "./logger";
import { safeMatch, type StoredEvent } from "./triggers";

interface Waiter {
  runId: string;
  eventName: string;
  expression: string | undefined;
  original: StoredEvent;
  resolve: (event: StoredEvent) => void;
}

export class WaitRegistry {
  private waiters: Waiter[] = [];

  constructor(private readonly logger: Logger) {}

  /** Registers a waiter; returns a function that removes it (timeout / cancel). */
  add(waiter: Waiter): () => void {
    this.waiters.push(waiter);
    return () => {
      this.waiters = this.waiters.filter((w) => w !== waiter);
    };
  }

  deliver(event: StoredEvent): number {
    const matched = this.waiters.filter(
      (w) =>
        w.eventName === event.name &&
        (w.expression === undefined ||
          safeMatch(w.expression, { event: w.original, async: event }, this.logger, `waitForEvent:${w.runId}`)),
    );
    if (matched.length === 0) return 0;
    this.waiters = this.waiters.filter((w) => !matched.includes(w));
    for (const waiter of matched) waiter.resolve(event);
    return matched.length;
  }

  size(): number {
    return this.waiters.length;
  }
}

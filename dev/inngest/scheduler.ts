/**
 * Cron ticking: at every minute boundary (clock time) that has at least one cron-triggered
 * function registered, start the functions whose schedule matches that minute. The tick is a
 * "passive" timer: under virtual time it fires only when the clock passes it (e.g. `advanceTime`).
 * Like a real scheduler after downtime, missed minutes are not back-filled: a virtual jump longer
 * than an hour ticks only the last hour before its target, so jumping a week runs an every-minute
 * function 60 times, not 10 080 (schedules that match nowhere in that hour do not fire).
 */
import type { Clock } from "./clock";
import type { Logger } from "./logger";
import type { FunctionRegistry } from "./registry";
import { cronExpressions, functionsForCronMinute } from "./triggers";

const MINUTE = 60_000;
const TICKED_WINDOW = 60 * MINUTE;

export class CronScheduler {
  private cancelTick: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly registry: FunctionRegistry,
    private readonly logger: Logger,
    private readonly onDue: (fnId: string, cron: string, minute: number) => void,
  ) {}

  /** Arms (or disarms) the next tick after registrations change. */
  refresh(): void {
    if (this.closed) return;
    const hasCron = this.registry.all().some((fn) => cronExpressions(fn).length > 0);
    if (!hasCron) {
      this.cancelTick?.();
      this.cancelTick = undefined;
      return;
    }
    if (this.cancelTick) return;
    const from = Math.max(this.clock.now(), this.clock.horizon() - TICKED_WINDOW);
    const minute = Math.floor(from / MINUTE) * MINUTE + MINUTE;
    this.cancelTick = this.clock.schedule(minute, "passive", () => {
      this.cancelTick = undefined;
      for (const { fn, cron } of functionsForCronMinute(this.registry, new Date(minute), this.logger)) {
        this.logger.info("cron.due", { function_id: fn.id, cron });
        this.onDue(fn.id, cron, minute);
      }
      this.refresh();
    });
  }

  close(): void {
    this.closed = true;
    this.cancelTick?.();
    this.cancelTick = undefined;
  }
}

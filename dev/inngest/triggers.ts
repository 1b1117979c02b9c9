/**
 * Which functions an event (or a cron minute) starts.
 *
 * Event triggers are `{ event, expression? }` (InngestFunction.ts getConfigTriggers); the name may
 * end in `*` as a prefix wildcard (`app/*` matches `app/user.created`). Cron triggers are
 * `{ cron }`; the executor emits `inngest/scheduled.timer` with `data: { cron }` for them
 * (types.ts ScheduledTimerEventPayload).
 */
import { type CronSchedule, parseCron } from "./cron";
import { matches } from "./expressions";
import type { Logger } from "./logger";
import type { FunctionRegistry, RegisteredFunction } from "./registry";

export interface StoredEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  v?: string;
  [key: string]: unknown;
}

export function eventNameMatches(pattern: string, name: string): boolean {
  if (pattern.endsWith("*")) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

/** Evaluates an `if`/`expression`, logging (without data) and returning false on bad syntax. */
export function safeMatch(expression: string, scope: Record<string, unknown>, logger: Logger, where: string): boolean {
  try {
    return matches(expression, scope);
  } catch (err) {
    logger.warn("expression.unsupported", { where, reason: err instanceof Error ? err.message : "error" });
    return false;
  }
}

export function functionsForEvent(registry: FunctionRegistry, event: StoredEvent, logger: Logger): RegisteredFunction[] {
  return registry.all().filter((fn) =>
    fn.config.triggers.some((trigger) => {
      if (!("event" in trigger) || typeof trigger.event !== "string") return false;
      if (!eventNameMatches(trigger.event, event.name)) return false;
      const expression = typeof trigger.expression === "string" ? trigger.expression : undefined;
      return expression === undefined || safeMatch(expression, { event }, logger, `trigger:${fn.id}`);
    }),
  );
}

const cronCache = new Map<string, CronSchedule | null>();

function schedule(expression: string, logger: Logger): CronSchedule | null {
  const cached = cronCache.get(expression);
  if (cached !== undefined) return cached;
  let parsed: CronSchedule | null = null;
  try {
    parsed = parseCron(expression);
  } catch (err) {
    logger.warn("cron.invalid", { cron: expression, reason: err instanceof Error ? err.message : "error" });
  }
  cronCache.set(expression, parsed);
  return parsed;
}

export function cronExpressions(fn: RegisteredFunction): string[] {
  return fn.config.triggers.flatMap((t) => ("cron" in t && typeof t.cron === "string" ? [t.cron] : []));
}

/** Functions (and the matching cron expression) scheduled for the minute containing `at`. */
export function functionsForCronMinute(
  registry: FunctionRegistry,
  at: Date,
  logger: Logger,
): { fn: RegisteredFunction; cron: string }[] {
  const due: { fn: RegisteredFunction; cron: string }[] = [];
  for (const fn of registry.all()) {
    const cron = cronExpressions(fn).find((expr) => schedule(expr, logger)?.matches(at) === true);
    if (cron !== undefined) due.push({ fn, cron });
  }
  return due;
}

/**
 * Tiny structured logger for the local Inngest executor.
 *
 * Writes one JSON object per line to stdout via `process.stdout.write` (never `console.*`). Field
 * values are restricted to primitives by type so an event payload, step output or error object can
 * never be handed to it by accident: callers log ids, names and statuses only.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogLevelSetting = LogLevel | "silent";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevelSetting, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function parseLogLevel(value: string | undefined): LogLevelSetting | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === "trace") return "debug";
  if (lower === "fatal") return "error";
  return lower in RANK ? (lower as LogLevelSetting) : undefined;
}

export function createLogger(options: {
  level?: LogLevelSetting;
  write?: (line: string) => void;
} = {}): Logger {
  const threshold = RANK[options.level ?? "info"];
  const write = options.write ?? ((line: string) => void process.stdout.write(line));
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[level] < threshold) return;
    const entry: LogFields = { time: new Date().toISOString(), level, component: "inngest-executor", msg };
    for (const [key, value] of Object.entries(fields ?? {})) if (value !== undefined) entry[key] = value;
    write(`${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (msg, fields) => emit("debug", msg, fields),
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
  };
}

/** Short, payload-free description of a thrown value (network errors and the like). */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : "";
    return `${err.name}: ${err.message}${cause}`.slice(0, 200);
  }
  return "non-error thrown";
}

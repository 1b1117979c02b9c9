/**
 * A tiny structured (JSON lines) logger for the Pusher stand-in. Callers pass only metadata (app id,
 * socket id, channel name, event name, counts): event payloads and presence `channel_data` are never
 * handed to it. Level comes from the `logLevel` option, else LOG_LEVEL, else "info".
 */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function isLogLevel(value: string | undefined): value is LogLevel {
  return value !== undefined && Object.hasOwn(RANK, value);
}

export function createLogger(level?: LogLevel, write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const envLevel = process.env.LOG_LEVEL;
  const effective: LogLevel = level ?? (isLogLevel(envLevel) ? envLevel : "info");
  const threshold = RANK[effective];

  const emit = (lvl: Exclude<LogLevel, "silent">, msg: string, fields: LogFields = {}) => {
    if (RANK[lvl] < threshold) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, service: "pusher-stand-in", msg, ...fields }) + "\n");
  };

  return {
    debug: (msg, fields) => emit("debug", msg, fields),
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
  };
}

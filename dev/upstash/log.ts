/**
 * The shim's own logger: one JSON object per line on stdout (the dev runner prefixes and colours it).
 * Deliberately tiny and separate from lib/logger.ts so the shim never loads the app's env validation.
 *
 * Callers pass command NAMES and error CODES only, never command arguments or Redis error messages:
 * arguments are keys and values, and those can hold personal data.
 */
export type ShimLogLevel = "debug" | "info" | "warn" | "error" | "silent";

type FieldValue = string | number | boolean | null | undefined | readonly string[];
export type ShimLogFields = Record<string, FieldValue>;

export interface ShimLogger {
  debug(msg: string, fields?: ShimLogFields): void;
  info(msg: string, fields?: ShimLogFields): void;
  warn(msg: string, fields?: ShimLogFields): void;
  error(msg: string, fields?: ShimLogFields): void;
}

const RANK: Record<ShimLogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function isShimLogLevel(value: string | undefined): value is ShimLogLevel {
  return value !== undefined && Object.hasOwn(RANK, value);
}

export function createShimLogger(
  level: ShimLogLevel = "info",
  write: (line: string) => void = (line) => {
    process.stdout.write(line);
  },
): ShimLogger {
  const emit = (lineLevel: Exclude<ShimLogLevel, "silent">, msg: string, fields: ShimLogFields = {}) => {
    if (RANK[lineLevel] < RANK[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lineLevel, service: "upstash-shim", msg, ...fields }) + "\n");
  };
  return {
    debug: (msg, fields) => emit("debug", msg, fields),
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
  };
}

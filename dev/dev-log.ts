/** Stand-ins log one JSON line per event to stdout; never payloads, which can hold personal data. */
export function devLog(component: string, level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown> = {}) {
  if (process.env.LOG_LEVEL === "silent") return;
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, component, msg, ...fields }) + "\n");
}

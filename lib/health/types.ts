export type ComponentStatus =
  | { status: "up"; latencyMs: number; detail?: string }
  | { status: "down"; latencyMs: number; detail: string }
  | { status: "not_configured"; detail: string };

export type HealthCheck = () => Promise<ComponentStatus>;

const CHECK_TIMEOUT_MS = 2_500;

/** Times a probe and turns a throw or a timeout into "down" with a short, non-sensitive reason. */
export async function probe(run: (signal: AbortSignal) => Promise<string | void>): Promise<ComponentStatus> {
  const started = performance.now();
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  try {
    const detail = await Promise.race([
      run(signal),
      new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(new Error("timed out")))),
    ]);
    return { status: "up", latencyMs: Math.round(performance.now() - started), ...(detail ? { detail } : {}) };
  } catch (error) {
    return { status: "down", latencyMs: Math.round(performance.now() - started), detail: describe(error) };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error.cause as NodeJS.ErrnoException | undefined)?.code;
    return code ? `${error.message} (${code})` : error.message;
  }
  return "unreachable";
}

/**
 * One circuit breaker per client (so per process): after `failureThreshold` transient failures in a
 * row it opens and every call fails at once with TpnUnavailableError, sparing TPN (already in trouble)
 * and our workers (no 8-second timeouts stacking up). After `halfOpenAfterMs` one trial call goes
 * through; success closes the breaker, another transient failure opens it again.
 *
 * Only transient failures count. A 4xx, a 429 or an unreadable body proves TPN answered, so they reset
 * the count like a success does.
 */
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from "cockatiel";
import { TpnTransientError, TpnUnavailableError } from "./errors";

export interface TpnBreakerOptions {
  /** Consecutive transient failures that open the breaker. Default 5. */
  failureThreshold?: number;
  /** How long the breaker stays open before a trial call. Default 30 s. */
  halfOpenAfterMs?: number;
}

export type TpnCircuitState = "closed" | "open" | "half-open" | "isolated";

export interface TpnBreaker {
  run<T>(call: () => Promise<T>): Promise<T>;
  state(): TpnCircuitState;
}

export const DEFAULT_BREAKER_OPTIONS = { failureThreshold: 5, halfOpenAfterMs: 30_000 } as const;

const STATE_NAMES: Record<CircuitState, TpnCircuitState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "isolated",
};

type Outcome<T> = { value: T } | { error: unknown };

export function createTpnBreaker(options: TpnBreakerOptions = {}): TpnBreaker {
  const failureThreshold = options.failureThreshold ?? DEFAULT_BREAKER_OPTIONS.failureThreshold;
  const halfOpenAfterMs = options.halfOpenAfterMs ?? DEFAULT_BREAKER_OPTIONS.halfOpenAfterMs;
  if (!Number.isInteger(failureThreshold) || failureThreshold < 1) throw new RangeError("failureThreshold must be a positive integer");
  if (!(halfOpenAfterMs >= 0)) throw new RangeError("halfOpenAfterMs must be >= 0");

  const policy = circuitBreaker(
    handleWhen((error) => error instanceof TpnTransientError),
    { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(failureThreshold) },
  );
  let openedAt = 0;
  policy.onBreak(() => {
    openedAt = Date.now();
  });

  return {
    async run<T>(call: () => Promise<T>): Promise<T> {
      let outcome: Outcome<T>;
      try {
        // Non-transient errors come back as values so the breaker records the call as answered.
        outcome = await policy.execute(async (): Promise<Outcome<T>> => {
          try {
            return { value: await call() };
          } catch (error) {
            if (error instanceof TpnTransientError) throw error;
            return { error };
          }
        });
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          throw new TpnUnavailableError(Math.max(0, openedAt + halfOpenAfterMs - Date.now()));
        }
        throw error;
      }
      if ("error" in outcome) throw outcome.error;
      return outcome.value;
    },
    state: () => STATE_NAMES[policy.state],
  };
}

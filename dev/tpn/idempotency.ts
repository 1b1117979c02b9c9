/**
 * The contract's Idempotency-Key rules: within 24 h the same key with the same body gets the first
 * response again (and is not billed again); the same key with a different body is a 409.
 *
 * Only completed enquiries are remembered. Requests refused before TPN did any work (400, 401, 422,
 * 429, injected 5xx) are not, so fixing and resending them under the same key works, as it does with
 * Stripe-style idempotency. Keys are scoped to the API key that used them.
 */
import { createHash } from "node:crypto";

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: string;
}

interface Entry {
  fingerprint: string;
  storedAt: number;
  response: StoredResponse;
}

/** Canonical JSON (keys sorted at every level) so key order in the body does not change the fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function fingerprint(path: string, body: unknown): string {
  return createHash("sha256").update(path).update("\n").update(canonical(body)).digest("hex");
}

export type Claim =
  | { kind: "new"; finish: (response?: StoredResponse) => void }
  | { kind: "replay"; response: StoredResponse }
  | { kind: "conflict" };

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  /** Enquiries still being worked on: a concurrent duplicate waits for the first instead of racing it. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly now: () => number) {}

  private scoped(apiKey: string, key: string): string {
    return `${createHash("sha256").update(apiKey).digest("hex").slice(0, 16)}:${key}`;
  }

  /**
   * Replay, conflict, or a claim on the key: the caller must call `finish` (with the response to
   * remember, or nothing if the enquiry was not completed).
   */
  async claim(apiKey: string, key: string, print: string): Promise<Claim> {
    const id = this.scoped(apiKey, key);
    for (let pending = this.inFlight.get(id); pending; pending = this.inFlight.get(id)) await pending;
    // From here to the return nothing awaits, so two duplicates cannot both claim the key.
    const entry = this.entries.get(id);
    if (entry && this.now() - entry.storedAt < IDEMPOTENCY_WINDOW_MS) {
      return entry.fingerprint === print ? { kind: "replay", response: entry.response } : { kind: "conflict" };
    }
    this.entries.delete(id);
    let release: () => void = () => undefined;
    this.inFlight.set(id, new Promise<void>((resolve) => (release = resolve)));
    return {
      kind: "new",
      finish: (response) => {
        if (response) this.entries.set(id, { fingerprint: print, storedAt: this.now(), response });
        this.inFlight.delete(id);
        release();
      },
    };
  }
}

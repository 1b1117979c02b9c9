/**
 * Event intake: `POST /e/:key` bodies (Inngest.ts `_send`: an array of payloads, each with `name`,
 * `data`, optional `id` (idempotency key), `ts`, `v`) and events the executor emits itself.
 *
 * Ids: the SDK sends `x-inngest-event-id-seed` so a retried send maps to the same ids; a repeated
 * seed or a repeated user `id` within 24h is acknowledged with the original id and not re-processed.
 * Per event: cancel matching runs (`cancelOn`), resolve matching `waitForEvent`s, start every
 * function whose trigger matches.
 */
import type { Clock } from "./clock";
import { seededEventIds, ulid } from "./ids";
import type { Logger } from "./logger";
import type { FunctionRegistry } from "./registry";
import type { InternalEvent, Runner } from "./runner";
import type { EventPayloadIn } from "./schemas";
import { functionsForEvent, type StoredEvent } from "./triggers";
import type { WaitRegistry } from "./waits";

const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
const EVENT_HISTORY_LIMIT = 1_000;

export interface EventRecord {
  internalId: string;
  id: string;
  name: string;
  ts: number;
  source: "api" | "internal";
  runIds: string[];
}

export class EventIngestor {
  private readonly records: EventRecord[] = [];
  private readonly seen = new Map<string, { internalId: string; until: number }>();

  constructor(
    private readonly deps: {
      clock: Clock;
      registry: FunctionRegistry;
      waits: WaitRegistry;
      logger: Logger;
      runner: () => Runner;
    },
  ) {}

  list(): EventRecord[] {
    return this.records.map((r) => ({ ...r, runIds: [...r.runIds] }));
  }

  /** Accepts events from the API; returns their ids in order (InngestApi expects `ids`). */
  ingest(payloads: EventPayloadIn[], seed: string | undefined): string[] {
    const now = this.deps.clock.now();
    const seeded = seed ? seededEventIds(seed, payloads.length) : undefined;
    this.expire(now);
    return payloads.map((payload, index) => {
      const internalId = seeded?.[index] ?? ulid(now);
      const userId = typeof payload.id === "string" && payload.id !== "" ? payload.id : undefined;
      const duplicate = this.seen.get(`seed:${internalId}`) ?? (userId ? this.seen.get(`id:${userId}`) : undefined);
      if (duplicate) {
        this.deps.logger.info("event.duplicate", { event_id: duplicate.internalId, event_name: payload.name });
        return duplicate.internalId;
      }
      const entry = { internalId, until: now + DEDUPE_WINDOW_MS };
      if (seeded) this.seen.set(`seed:${internalId}`, entry);
      if (userId) this.seen.set(`id:${userId}`, entry);
      const { name, data, id: _id, ts, v, ...rest } = payload;
      const event: StoredEvent = {
        ...rest,
        name,
        data: data ?? {},
        id: userId ?? internalId,
        ts: typeof ts === "number" ? ts : now,
        ...(typeof v === "string" ? { v } : {}),
      };
      this.process(event, internalId, "api", true);
      return internalId;
    });
  }

  /** Events the executor raises itself (function.failed / finished / cancelled / invoked). */
  emit(input: InternalEvent, options: { broadcast?: boolean } = {}): StoredEvent {
    const now = this.deps.clock.now();
    const id = ulid(now);
    const event: StoredEvent = { name: input.name, data: input.data, id, ts: now, ...(input.v ? { v: input.v } : {}) };
    this.process(event, id, "internal", options.broadcast ?? true);
    return event;
  }

  private process(event: StoredEvent, internalId: string, source: EventRecord["source"], broadcast: boolean): void {
    const { logger, registry, waits } = this.deps;
    const record: EventRecord = { internalId, id: event.id, name: event.name, ts: event.ts, source, runIds: [] };
    this.records.push(record);
    if (this.records.length > EVENT_HISTORY_LIMIT) this.records.shift();
    logger.info("event.received", { event_id: internalId, event_name: event.name, source });
    if (!broadcast) return;
    const runner = this.deps.runner();
    runner.cancelMatching(event);
    waits.deliver(event);
    for (const fn of functionsForEvent(registry, event, logger)) {
      record.runIds.push(runner.start(fn, event, "event").record.id);
    }
  }

  /** Cron trigger: `inngest/scheduled.timer` with `data: { cron }` (types.ts ScheduledTimerEventPayload). */
  cron(fnId: string, cron: string, at: number): void {
    const fn = this.deps.registry.get(fnId);
    if (!fn) return;
    const id = ulid(at);
    const event: StoredEvent = { name: "inngest/scheduled.timer", data: { cron }, id, ts: at };
    this.records.push({ internalId: id, id, name: event.name, ts: at, source: "internal", runIds: [] });
    const run = this.deps.runner().start(fn, event, "cron");
    this.records.at(-1)?.runIds.push(run.record.id);
  }

  private expire(now: number): void {
    if (this.seen.size < 10_000) return;
    for (const [key, value] of this.seen) if (value.until <= now) this.seen.delete(key);
  }
}

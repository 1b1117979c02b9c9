/**
 * The outbox hand-off under load: many requests dispatch at once (every webhook delivery does), and
 * each pending event must still go to Inngest once, not once per dispatcher. Run on PGlite and on
 * real PostgreSQL through the Neon driver, where the row locks actually contend.
 */
import { isNull } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { outbox } from "@/db/schema";
import { inngest } from "@/inngest/client";
import { enqueueEvent } from "@/lib/outbox/enqueue-event";
import { dispatchOutbox, dispatchOutboxEvents, drainOutbox } from "@/lib/outbox/dispatch-outbox";
import { driversUnderTest, type TestDatabase } from "../helpers/databases";

const drivers = await driversUnderTest();

type Sent = Parameters<typeof inngest.send>[0];
const idsOf = (payload: Sent) => (Array.isArray(payload) ? payload : [payload]).map((event) => String(event.id));

describe.each(drivers)("outbox on $label", ({ open }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database.teardown();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function enqueue(count: number) {
    const rows = Array.from({ length: count }, (_, index) => ({ name: "whatsapp/status.received", data: { wamid: `wamid.${index}`, status: "sent" } }));
    await database.handle.db.insert(outbox).values(rows);
  }

  it("sends every pending event exactly once when twelve dispatchers run at the same time", async () => {
    const { db } = database.handle;
    await enqueue(600);
    const sent: string[] = [];
    vi.spyOn(inngest, "send").mockImplementation(async (payload: Sent) => {
      sent.push(...idsOf(payload));
      // The network round trip to Inngest, during which the rows stay claimed.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { ids: idsOf(payload) };
    });
    let dispatched = 0;
    while ((await db.select({ id: outbox.id }).from(outbox).where(isNull(outbox.dispatchedAt))).length > 0) {
      const counts = await Promise.all(Array.from({ length: 12 }, () => dispatchOutbox(db)));
      dispatched += counts.reduce((total, count) => total + count, 0);
    }
    expect(dispatched).toBe(600);
    expect(sent).toHaveLength(600);
    expect(new Set(sent).size).toBe(600);
  });

  it("hands a request's own events to Inngest and leaves everyone else's rows alone", async () => {
    const { db } = database.handle;
    await enqueue(40);
    const mine = await db.transaction(async (tx) => [
      await enqueueEvent(tx, "whatsapp/status.received", { wamid: "wamid.mine-1", status: "read" }),
      await enqueueEvent(tx, "whatsapp/status.received", { wamid: "wamid.mine-2", status: "read" }),
    ]);
    const sent: string[] = [];
    vi.spyOn(inngest, "send").mockImplementation((payload: Sent) => {
      sent.push(...idsOf(payload));
      return Promise.resolve({ ids: idsOf(payload) });
    });
    expect(await dispatchOutboxEvents(db, mine)).toBe(2);
    expect(sent.sort()).toEqual([...mine].sort());
    // Sent already: a second hand-off of the same ids sends nothing.
    expect(await dispatchOutboxEvents(db, mine)).toBe(0);
    expect(await db.select({ id: outbox.id }).from(outbox).where(isNull(outbox.dispatchedAt))).toHaveLength(40);
    expect(await drainOutbox(db, { olderThanMs: 0, budgetMs: 10_000 })).toBe(40);
  });

  it("keeps events whose send failed, counts the attempt, and the cron's drain sends them all later", async () => {
    const { db } = database.handle;
    await enqueue(250);
    vi.spyOn(inngest, "send").mockRejectedValueOnce(new Error("Inngest is down"));
    expect(await dispatchOutbox(db)).toBe(0);
    const failed = await db.select({ attempts: outbox.attempts, lastError: outbox.lastError }).from(outbox).where(isNull(outbox.dispatchedAt));
    expect(failed).toHaveLength(250);
    expect(failed.filter((row) => row.attempts === 1 && row.lastError === "Inngest is down")).toHaveLength(100);

    const sent: string[] = [];
    vi.spyOn(inngest, "send").mockImplementation((payload: Sent) => {
      sent.push(...idsOf(payload));
      return Promise.resolve({ ids: idsOf(payload) });
    });
    expect(await drainOutbox(db, { olderThanMs: 0, budgetMs: 10_000 })).toBe(250);
    expect(new Set(sent).size).toBe(250);
    expect(await db.select({ id: outbox.id }).from(outbox).where(isNull(outbox.dispatchedAt))).toHaveLength(0);
  });
});

/** Unit tests for the executor's pure parts: cron matching, expressions, durations, ids, clock. */
import { describe, expect, it } from "vitest";
import { Activity, VirtualClock } from "@/dev/inngest/clock";
import { CronError, parseCron } from "@/dev/inngest/cron";
import { parseDuration, parseRetryAfter, resolveDeadline } from "@/dev/inngest/duration";
import { evaluateKey, ExpressionError, matches } from "@/dev/inngest/expressions";
import { seededEventIds, ulid } from "@/dev/inngest/ids";
import { eventNameMatches } from "@/dev/inngest/triggers";

const at = (iso: string) => new Date(iso);

describe("cron matcher", () => {
  it("matches steps, ranges and lists", () => {
    const every15 = parseCron("*/15 * * * *");
    expect(every15.matches(at("2025-03-04T10:30:00Z"))).toBe(true);
    expect(every15.matches(at("2025-03-04T10:45:59Z"))).toBe(true);
    expect(every15.matches(at("2025-03-04T10:31:00Z"))).toBe(false);

    const office = parseCron("0 9-17/4 * * 1-5");
    expect(office.matches(at("2025-03-04T09:00:00Z"))).toBe(true); // Tuesday
    expect(office.matches(at("2025-03-04T13:00:00Z"))).toBe(true);
    expect(office.matches(at("2025-03-04T11:00:00Z"))).toBe(false);
    expect(office.matches(at("2025-03-08T09:00:00Z"))).toBe(false); // Saturday

    const list = parseCron("5,35 0 * * *");
    expect(list.matches(at("2025-01-01T00:35:00Z"))).toBe(true);
    expect(list.matches(at("2025-01-01T00:36:00Z"))).toBe(false);

    const offset = parseCron("5/20 * * * *");
    expect([5, 25, 45].every((m) => offset.matches(at(`2025-01-01T00:${String(m).padStart(2, "0")}:00Z`)))).toBe(true);
    expect(offset.matches(at("2025-01-01T00:00:00Z"))).toBe(false);
  });

  it("supports names, 7 as Sunday, macros and Vixie day-of-month/day-of-week semantics", () => {
    expect(parseCron("0 12 * JAN,FEB sun").matches(at("2025-01-05T12:00:00Z"))).toBe(true);
    expect(parseCron("0 12 * * 7").matches(at("2025-01-05T12:00:00Z"))).toBe(true);
    expect(parseCron("@hourly").matches(at("2025-01-05T13:00:00Z"))).toBe(true);
    expect(parseCron("@daily").matches(at("2025-01-05T13:00:00Z"))).toBe(false);
    // Both restricted: either the 1st of the month OR a Monday.
    const either = parseCron("0 0 1 * MON");
    expect(either.matches(at("2025-01-01T00:00:00Z"))).toBe(true); // Wednesday the 1st
    expect(either.matches(at("2025-01-06T00:00:00Z"))).toBe(true); // Monday the 6th
    expect(either.matches(at("2025-01-07T00:00:00Z"))).toBe(false);
    // Only day-of-week restricted: AND with "every day".
    expect(parseCron("0 0 * * MON").matches(at("2025-01-01T00:00:00Z"))).toBe(false);
  });

  it("evaluates a TZ= prefix in that time zone", () => {
    const nineInBerlin = parseCron("TZ=Europe/Berlin 0 9 * * *");
    expect(nineInBerlin.matches(at("2025-01-15T08:00:00Z"))).toBe(true); // CET = UTC+1
    expect(nineInBerlin.matches(at("2025-07-15T07:00:00Z"))).toBe(true); // CEST = UTC+2
    expect(nineInBerlin.matches(at("2025-01-15T09:00:00Z"))).toBe(false);
    expect(nineInBerlin.timezone).toBe("Europe/Berlin");
  });

  it("rejects malformed expressions", () => {
    for (const bad of ["* * * *", "60 * * * *", "* 24 * * *", "*/0 * * * *", "5-1 * * * *", "a b c d e", "TZ=Nowhere/City * * * * *"]) {
      expect(() => parseCron(bad), bad).toThrow(CronError);
    }
  });
});

describe("expressions (CEL subset)", () => {
  const event = { data: { id: "a1", org: "acme", count: 3, nested: { ok: true } } };

  it("compares the triggering event with the candidate event", () => {
    expect(matches("event.data.id == async.data.id", { event, async: { data: { id: "a1" } } })).toBe(true);
    expect(matches("event.data.id == async.data.id", { event, async: { data: { id: "b2" } } })).toBe(false);
    expect(matches("event.data.id == async.data.id", { event, async: { data: {} } })).toBe(false);
    expect(matches("async.data.status == 'paid'", { event, async: { data: { status: "paid" } } })).toBe(true);
    expect(matches('async.data.status != "paid"', { event, async: { data: { status: "paid" } } })).toBe(false);
  });

  it("supports boolean logic, numbers, indexing and the onFailure trigger form", () => {
    expect(matches("event.data.count > 2 && event.data.nested.ok", { event })).toBe(true);
    expect(matches("event.data.count >= 4 || !(event.data.org == 'acme')", { event })).toBe(false);
    expect(matches("event.data['org'] == 'acme'", { event })).toBe(true);
    expect(matches("event.data.function_id == 'app-fn'", { event: { data: { function_id: "app-fn" } } })).toBe(true);
  });

  it("evaluates keys and rejects what it does not support", () => {
    expect(evaluateKey("event.data.org", { event })).toBe("acme");
    expect(evaluateKey("event.data.org + '-' + event.data.id", { event })).toBe("acme-a1");
    expect(evaluateKey("event.data.count", { event })).toBe("3");
    expect(evaluateKey("event.data.missing", { event })).toBeUndefined();
    expect(() => matches("size(event.data.id) > 1", { event })).toThrow(ExpressionError);
    expect(() => matches("event.data.id ==", { event })).toThrow(ExpressionError);
    expect(() => matches("other.data.id == 1", { event })).toThrow(ExpressionError);
  });

  it("matches event names with a trailing wildcard", () => {
    expect(eventNameMatches("app/*", "app/user.created")).toBe(true);
    expect(eventNameMatches("app/*", "application/x")).toBe(false);
    expect(eventNameMatches("app/user.created", "app/user.created")).toBe(true);
    expect(eventNameMatches("app/user.created", "app/user.deleted")).toBe(false);
  });
});

describe("durations, ids and the virtual clock", () => {
  it("parses the SDK's time strings", () => {
    expect(parseDuration("1h")).toBe(3_600_000);
    expect(parseDuration("2h30m10s")).toBe(9_010_000);
    expect(parseDuration("1w1d")).toBe(8 * 86_400_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("soon")).toBeUndefined();
    expect(parseDuration("1h garbage")).toBeUndefined();
    expect(resolveDeadline("2030-01-01T00:00:00.000Z", 0)).toBe(Date.parse("2030-01-01T00:00:00.000Z"));
    expect(resolveDeadline("10s", 1_000)).toBe(11_000);
    expect(parseRetryAfter("30", 0)).toBe(30_000);
    expect(parseRetryAfter("2030-01-01T00:00:00.000Z", Date.parse("2029-12-31T23:59:00.000Z"))).toBe(60_000);
  });

  it("generates sortable ULIDs and deterministic ids for a send seed", () => {
    const a = ulid(1_700_000_000_000);
    const b = ulid(1_700_000_000_001);
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(a < b).toBe(true);
    const seed = "1700000000000,c29tZS1lbnRyb3B5";
    expect(seededEventIds(seed, 2)).toEqual(seededEventIds(seed, 2));
    expect(new Set(seededEventIds(seed, 3)).size).toBe(3);
    expect(seededEventIds("garbage", 1)).toBeUndefined();
  });

  it("fires virtual timers in due order and advances only as far as asked", async () => {
    const activity = new Activity();
    const clock = new VirtualClock(0, activity);
    const fired: string[] = [];
    clock.schedule(5_000, "passive", () => fired.push("passive@5s"));
    clock.schedule(2_000, "passive", () => fired.push("passive@2s"));
    clock.schedule(90_000, "passive", () => fired.push("passive@90s"));
    await clock.advanceBy(10_000);
    expect(fired).toEqual(["passive@2s", "passive@5s"]);
    expect(clock.now()).toBe(10_000);

    // Internal/sleep timers advance on their own once the system is idle.
    const slept = new Promise<number>((resolve) => clock.schedule(3_600_000, "sleep", () => resolve(clock.now())));
    expect(await slept).toBe(3_600_000);
    expect(fired).toEqual(["passive@2s", "passive@5s", "passive@90s"]);
    clock.close();
  });
});

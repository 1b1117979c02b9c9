import { describe, expect, it } from "vitest";
import { expiredSubjects, isRetentionExpired, retentionEndsAt, type RetentionFacts } from "@/lib/privacy/select-expired-subjects";

const DAY = 86_400_000;
const now = new Date("2026-12-04T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
const facts = (subjectId: string, overrides: Partial<RetentionFacts> = {}): RetentionFacts => ({ subjectId, createdAt: daysAgo(1000), openEnquiries: 0, lastEndedAt: null, ...overrides });

describe("retention rule", () => {
  it("counts the period from the most recent enquiry's end, else from when the subject was recorded", () => {
    expect(retentionEndsAt(facts("a", { lastEndedAt: daysAgo(100) }), 730)).toEqual(new Date(daysAgo(100).getTime() + 730 * DAY));
    expect(retentionEndsAt(facts("a", { createdAt: daysAgo(10) }), 730)).toEqual(new Date(daysAgo(10).getTime() + 730 * DAY));
    // A clock skew that puts the end before the record never shortens the period.
    expect(retentionEndsAt(facts("a", { createdAt: daysAgo(10), lastEndedAt: daysAgo(20) }), 730)).toEqual(new Date(daysAgo(10).getTime() + 730 * DAY));
  });

  it("never expires while an enquiry is running, however old the subject", () => {
    expect(retentionEndsAt(facts("a", { openEnquiries: 1, lastEndedAt: daysAgo(5000) }), 730)).toBeNull();
    expect(isRetentionExpired(facts("a", { openEnquiries: 2 }), now, 30)).toBe(false);
  });

  it("expires exactly when the period has passed, not a moment before", () => {
    expect(isRetentionExpired(facts("a", { lastEndedAt: daysAgo(730) }), now, 730)).toBe(true);
    expect(isRetentionExpired(facts("a", { lastEndedAt: new Date(daysAgo(730).getTime() + 1) }), now, 730)).toBe(false);
    expect(isRetentionExpired(facts("a", { lastEndedAt: daysAgo(400) }), now, 365)).toBe(true);
    expect(isRetentionExpired(facts("a", { lastEndedAt: daysAgo(400) }), now, 730)).toBe(false);
  });

  it("selects only the expired subjects, the longest-expired first", () => {
    const candidates = [
      facts("recent", { lastEndedAt: daysAgo(10) }),
      facts("older", { lastEndedAt: daysAgo(900) }),
      facts("running", { lastEndedAt: daysAgo(2000), openEnquiries: 1 }),
      facts("oldest", { lastEndedAt: daysAgo(1500) }),
      facts("never-screened", { createdAt: daysAgo(800) }),
    ];
    expect(expiredSubjects(candidates, now, 730)).toEqual(["oldest", "older", "never-screened"]);
    expect(expiredSubjects(candidates, now, 3650)).toEqual([]);
  });
});

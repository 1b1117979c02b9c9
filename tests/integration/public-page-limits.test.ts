import { describe, expect, it, vi } from "vitest";
import { RATE_LIMIT_POLICIES } from "@/lib/rate-limit/policies";

const forwardedFor = { value: "" };
vi.mock("next/headers", () => ({
  headers: () => Promise.resolve(new Headers({ "x-forwarded-for": forwardedFor.value })),
}));

const { limitPublicPage } = await import("@/lib/rate-limit/limit-public-page");

describe("public pages opened from a link (shared report, consent request)", () => {
  it("render for a caller until its per-IP allowance is spent, then show the too-many-requests page", async () => {
    forwardedFor.value = `10.250.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const allowance = RATE_LIMIT_POLICIES["api:default"].limit;
    for (let render = 0; render < allowance; render += 1) {
      expect(await limitPublicPage()).toMatchObject({ ip: forwardedFor.value });
    }
    expect(await limitPublicPage()).toBe("busy");

    // Someone else, from another address, is not affected.
    forwardedFor.value = "10.251.0.1";
    expect(await limitPublicPage()).toMatchObject({ ip: "10.251.0.1" });
  });
});

import { describe, expect, it } from "vitest";
import { canonicalJson, chainHash, GENESIS_HASH, type ChainedFields } from "@/lib/audit/hash-chain";

const row: ChainedFields = {
  occurredAt: new Date("2026-01-02T03:04:05.678Z"),
  actorType: "user",
  actorId: "u1",
  organisationId: null,
  action: "enquiry.create",
  resourceType: "enquiry",
  resourceId: "e1",
  outcome: "success",
  channel: "web",
  ip: "127.0.0.1",
  userAgent: "test",
  requestId: "r1",
  metadata: { b: [1, { y: 2, x: 1 }], a: "z" },
  prevHash: GENESIS_HASH,
};

describe("audit hash chain", () => {
  it("canonicalises objects whatever their key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it("changes the hash when any covered field or the previous hash changes", async () => {
    const original = await chainHash(row);
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    expect(await chainHash({ ...row, metadata: { a: "z", b: [1, { x: 1, y: 2 }] } })).toBe(original);
    for (const change of [
      { resourceId: "e2" },
      { outcome: "failure" },
      { occurredAt: new Date("2026-01-02T03:04:05.679Z") },
      { metadata: { a: "y", b: [1, { x: 1, y: 2 }] } },
      { prevHash: "f".repeat(64) },
    ]) {
      expect(await chainHash({ ...row, ...change })).not.toBe(original);
    }
  });
});

import { describe, expect, it } from "vitest";
import { blindIndex, importBlindIndexKey, normaliseIdentifier } from "@/lib/crypto/blind-index";

describe("blind index", () => {
  it("ignores formatting but not content", async () => {
    expect(normaliseIdentifier(" 800101-5009 087 ")).toBe("8001015009087");
    expect(normaliseIdentifier("2019/123456/07")).toBe("201912345607");
    expect(await blindIndex("sa-id", "800101 5009 087")).toBe(await blindIndex("sa-id", "8001015009087"));
    expect(await blindIndex("sa-id", "8001015009088")).not.toBe(await blindIndex("sa-id", "8001015009087"));
  });

  it("separates identifier kinds and depends on the key", async () => {
    expect(await blindIndex("passport", "A1234567")).not.toBe(await blindIndex("sa-id", "A1234567"));
    const otherKey = await importBlindIndexKey(Buffer.alloc(32, 7).toString("base64"));
    expect(await blindIndex("sa-id", "8001015009087", otherKey)).not.toBe(await blindIndex("sa-id", "8001015009087"));
  });

  it("is a keyed hash, not the number", async () => {
    const index = await blindIndex("sa-id", "8001015009087");
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(index).not.toContain("8001015009087");
  });
});

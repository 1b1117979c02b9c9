import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { generateTpnSchemaSource, repairHeaderGroupRefs, SCHEMA_OUTPUT_PATH } from "@/dev/tpn/generate-schema";

describe("lib/tpn/schema.d.ts", () => {
  it("is what the generator makes of the current contract (regenerate: npx tsx dev/tpn/generate-schema.ts)", async () => {
    const committed = await readFile(SCHEMA_OUTPUT_PATH, "utf8");
    expect(committed).toBe(await generateTpnSchemaSource());
  });
});

describe("repairHeaderGroupRefs", () => {
  const broken = [
    "paths:",
    "  /a:",
    "    post:",
    "      responses:",
    "        '200':",
    "          headers: { $ref: '#/components/headers/Limits' }",
    "components:",
    "  headers:",
    "    Limits:",
    "      X-One: { schema: { type: integer } }",
    "      X-Two: { schema: { type: integer }, description: two }",
    "  responses:",
    "    Error: {}",
    "",
  ].join("\n");

  it("replaces a $ref to a group of headers with one $ref per header, hoisted into components.headers", () => {
    expect(repairHeaderGroupRefs(broken)).toBe(
      [
        "paths:",
        "  /a:",
        "    post:",
        "      responses:",
        "        '200':",
        "          headers: { X-One: { $ref: '#/components/headers/X-One' }, X-Two: { $ref: '#/components/headers/X-Two' } }",
        "components:",
        "  headers:",
        "    X-One: { schema: { type: integer } }",
        "    X-Two: { schema: { type: integer }, description: two }",
        "  responses:",
        "    Error: {}",
        "",
      ].join("\n"),
    );
  });

  it("leaves a valid spec untouched", () => {
    const valid = repairHeaderGroupRefs(broken);
    expect(repairHeaderGroupRefs(valid)).toBe(valid);
  });
});

import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger(stream);
  logger.level = "info";
  return { logger, lines };
}

describe("structured logging", () => {
  it("redacts personal data and secrets wherever they sit in the log object", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        idNumber: "8001015009087",
        subject: { firstName: "Thandiwe", surname: "Mokoena", email: "t@example.com" },
        request: { headers: { authorization: "Bearer secret-token" } },
        enquiryId: "e-123",
      },
      "enquiry received",
    );
    const output = lines.join("");
    for (const secret of ["8001015009087", "Thandiwe", "Mokoena", "t@example.com", "secret-token"]) {
      expect(output).not.toContain(secret);
    }
    const entry = JSON.parse(output) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: "info", msg: "enquiry received", enquiryId: "e-123", idNumber: "[redacted]" });
  });
});

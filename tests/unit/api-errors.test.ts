import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toErrorResponse } from "@/lib/api/error-response";
import { NotFoundError, RateLimitedError, ValidationError } from "@/lib/api/errors";
import { readJson } from "@/lib/api/read-json";

const jsonRequest = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/test", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const response = toErrorResponse(error, "req-1");
    return { status: response.status, body: (await response.json()) as { error: Record<string, string> }, headers: response.headers };
  }
  throw new Error("expected a rejection");
}

describe("error mapping", () => {
  it("answers a typed error with its status, code, message and field", async () => {
    const response = toErrorResponse(new ValidationError("subject.idNumber", "The check digit does not match.", "INVALID_ID_NUMBER"), "req-1");
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: { code: "INVALID_ID_NUMBER", message: "The check digit does not match.", field: "subject.idNumber" },
    });
    expect(response.headers.get("x-request-id")).toBe("req-1");
  });

  it("sets Retry-After on 429 and keeps 404 generic", async () => {
    const limited = toErrorResponse(new RateLimitedError(12.2), "r");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("13");
    expect(await toErrorResponse(new NotFoundError("Enquiry"), "r").json()).toEqual({
      error: { code: "NOT_FOUND", message: "Enquiry not found." },
    });
  });

  it("never shows the cause of an unexpected error, only a reference", async () => {
    const cause = new Error('duplicate key value violates unique constraint "subjects_pkey" for 8001015009087');
    const response = toErrorResponse(cause, "req-42");
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).toContain("req-42");
    expect(text).not.toMatch(/duplicate|constraint|8001015009087|subjects/);
  });
});

describe("reading JSON bodies", () => {
  const schema = z.object({ subject: z.object({ idNumber: z.string().regex(/^\d{13}$/, "must be 13 digits") }) });

  it("returns the parsed body when it is valid", async () => {
    await expect(readJson(jsonRequest('{"subject":{"idNumber":"8001015009087"}}'), schema)).resolves.toEqual({
      subject: { idNumber: "8001015009087" },
    });
  });

  it("answers 400 for malformed JSON", async () => {
    const { status, body } = await errorOf(readJson(jsonRequest("{not json"), schema));
    expect(status).toBe(400);
    expect(body.error.code).toBe("INVALID_JSON");
  });

  it("answers 422 naming the nested field and the reason", async () => {
    const { status, body } = await errorOf(readJson(jsonRequest('{"subject":{"idNumber":"123"}}'), schema));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ field: "subject.idNumber", message: "must be 13 digits" });
  });

  it("answers 413 for a body over the limit, declared or streamed", async () => {
    const big = JSON.stringify({ padding: "x".repeat(70 * 1024) });
    expect((await errorOf(readJson(jsonRequest(big), schema))).status).toBe(413);
    const undeclared = new Request("http://localhost/api/test", {
      method: "POST",
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    expect((await errorOf(readJson(undeclared, schema))).status).toBe(413);
  });
});

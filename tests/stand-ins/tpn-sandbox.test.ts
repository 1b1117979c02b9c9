/**
 * The real TPN client against the sandbox (dev/tpn) on ephemeral ports: the documented scenarios,
 * idempotency and billing, every error class, the circuit breaker, and an unreadable body from a
 * separate junk server.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { COMMERCIAL_SCENARIOS, CONSUMER_SCENARIOS, TPN_SCENARIOS } from "@/dev/tpn/scenarios";
import { startTpnSandbox, type TpnSandbox, type TpnSandboxOptions } from "@/dev/tpn/server";
import { luhnCheckDigit, validateCipcRegistrationNumber, validateSaIdNumber } from "@/lib/identity";
import { createTpnClient, type TpnClient, type TpnClientOptions } from "@/lib/tpn/client";
import {
  TpnRateLimitedError,
  TpnRejectedError,
  TpnTransientError,
  TpnUnavailableError,
  TpnUnreadableResponseError,
} from "@/lib/tpn/errors";
import { commercialReportSchema, consumerReportSchema } from "@/lib/tpn/schemas";
import type { CommercialEnquiryRequest, ConsumerEnquiryRequest } from "@/lib/tpn/types";

const API_KEY = "sandbox-test-key";
const consent = { reference: "consent-1", obtainedAt: "2025-01-01T08:00:00+02:00", method: "ELECTRONIC" } as const;

const openSandboxes: TpnSandbox[] = [];
const openServers: Server[] = [];

afterEach(async () => {
  await Promise.all(openSandboxes.splice(0).map((sandbox) => sandbox.close()));
  await Promise.all(openServers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function sandbox(options: Partial<TpnSandboxOptions> = {}): Promise<TpnSandbox> {
  const started = await startTpnSandbox({ apiKey: API_KEY, quotaPerSecond: 1_000, seed: 7, ...options });
  openSandboxes.push(started);
  return started;
}

function clientFor(target: { url: string }, options: Partial<TpnClientOptions> = {}): TpnClient {
  return createTpnClient({ baseUrl: target.url, apiKey: API_KEY, timeoutMs: 2_000, ...options });
}

let keyCounter = 0;
const freshKey = () => `enquiry-${Date.now()}-${++keyCounter}`;

const withCheckDigit = (first12: string) => first12 + String(luhnCheckDigit(first12));

const consumer = (idNumber: string): ConsumerEnquiryRequest => ({ idNumber, purpose: "TENANT_SCREENING", consent, clientReference: "ref-1" });
const commercial = (registrationNumber: string): CommercialEnquiryRequest => ({ registrationNumber, purpose: "TENANT_SCREENING", consent, clientReference: "ref-2" });

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

/** A raw request to the sandbox, for what the typed client will not send. */
async function raw(target: TpnSandbox, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(`${target.url}${path}`, {
    method: init.method ?? "POST",
    headers: { "Content-Type": "application/json", "X-API-Key": API_KEY, "Idempotency-Key": freshKey(), ...init.headers },
    body: init.body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

describe("TPN sandbox: documented scenarios", () => {
  it("every scenario subject is a valid number", () => {
    for (const scenario of TPN_SCENARIOS) {
      const result = scenario.kind === "consumer" ? validateSaIdNumber(scenario.idNumber) : validateCipcRegistrationNumber(scenario.registrationNumber);
      expect(result.ok, scenario.key).toBe(true);
    }
  });

  it.each(Object.values(CONSUMER_SCENARIOS))("$key returns the documented report, billed once", async (scenario) => {
    const tpn = await sandbox();
    const { data, rateLimit } = await clientFor(tpn).consumerEnquiry(consumer(scenario.idNumber), { idempotencyKey: freshKey() });
    const expected = scenario.report;

    expect(consumerReportSchema.safeParse(data).success).toBe(true);
    expect(data.found).toBe(expected.found);
    expect(data.billing.chargeable).toBe(true);
    expect(data.subject?.idVerification?.code ?? null).toBe(expected.idVerification);
    expect(data.bureauGrade).toBe(expected.bureauGrade);
    expect((data.rentalPaymentProfile ?? []).flatMap((lease) => lease.months.map((month) => month.classification))).toEqual(expected.months);
    expect(data.defaults ?? []).toHaveLength(expected.defaults);
    expect(data.judgments ?? []).toHaveLength(expected.judgments);
    expect((data.notices ?? []).map((notice) => notice.type)).toEqual(expected.notices);
    expect((data.fraudAlerts ?? []).map((alert) => alert.type)).toEqual(expected.fraudAlerts);
    if (expected.found) {
      const id = validateSaIdNumber(scenario.idNumber);
      expect(data.subject?.dateOfBirth).toBe(id.ok ? id.dateOfBirth : "unreachable");
    } else {
      expect(data.subject).toBeUndefined();
    }
    expect(rateLimit).toMatchObject({ limit: 1_000 });
    expect(tpn.stats().billableCalls).toBe(1);
  });

  it("the defaulter's judgment and defaults are active", async () => {
    const tpn = await sandbox();
    const { data } = await clientFor(tpn).consumerEnquiry(consumer(CONSUMER_SCENARIOS.DEFAULTER_WITH_JUDGMENT.idNumber), { idempotencyKey: freshKey() });
    expect(data.judgments?.map((judgment) => judgment.status)).toEqual(["ACTIVE"]);
    expect(data.defaults?.map((item) => [item.category, item.status])).toEqual([["RENTAL", "ACTIVE"], ["TELECOMS", "ACTIVE"]]);
    expect(data.rentalPaymentProfile?.[0]?.leaseEnd).not.toBeNull();
  });

  it("COMPANY_IN_LIQUIDATION returns the documented commercial report", async () => {
    const tpn = await sandbox();
    const scenario = COMMERCIAL_SCENARIOS.COMPANY_IN_LIQUIDATION;
    const { data } = await clientFor(tpn).commercialEnquiry(commercial(scenario.registrationNumber), { idempotencyKey: freshKey() });
    expect(commercialReportSchema.safeParse(data).success).toBe(true);
    expect(data.found).toBe(true);
    expect(data.company).toMatchObject({ registrationNumber: scenario.registrationNumber, status: "IN_LIQUIDATION", type: "PRIVATE_COMPANY" });
    expect(data.company?.name).toMatch(/\(Pty\) Ltd$/);
    expect(data.bureauGrade).toBe(scenario.report.bureauGrade);
    expect(data.notices?.map((notice) => [notice.type, notice.status])).toEqual([["LIQUIDATION", "ACTIVE"]]);
    expect(data.defaults).toHaveLength(scenario.report.defaults);
    expect(data.judgments).toHaveLength(scenario.report.judgments);
    expect(data.directors?.map((director) => director.adverse)).toEqual([true, false]);
    expect(tpn.stats().billableCalls).toBe(1);
  });

  it("any other subject gets a report derived from its number: the same every time", async () => {
    const tpn = await sandbox();
    const client = clientFor(tpn);
    const strip = ({ enquiryId: _id, generatedAt: _at, billing: _billing, ...content }: { enquiryId: string; generatedAt: string; billing: unknown }) => content;
    const subject = withCheckDigit("930101580008");
    const first = await client.consumerEnquiry(consumer(subject), { idempotencyKey: freshKey() });
    const second = await client.consumerEnquiry(consumer(subject), { idempotencyKey: freshKey() });
    const other = await client.consumerEnquiry(consumer(withCheckDigit("880303480008")), { idempotencyKey: freshKey() });
    expect(first.data.enquiryId).not.toBe(second.data.enquiryId);
    expect(strip(second.data)).toEqual(strip(first.data));
    expect(strip(other.data)).not.toEqual(strip(first.data));
    expect(first.data).toMatchObject({ found: true, subject: { dateOfBirth: "1993-01-01", idVerification: { code: "V0" } } });
    expect(tpn.stats().billableCalls).toBe(3);
  });

  it("answers passport enquiries and ordinary companies", async () => {
    const tpn = await sandbox();
    const client = clientFor(tpn);
    const passport = await client.consumerEnquiry(
      { passport: { number: "FN123456", nationality: "ZWE", dateOfBirth: "1991-04-02" }, purpose: "TENANT_SCREENING", consent, clientReference: "p" },
      { idempotencyKey: freshKey() },
    );
    expect(passport.data).toMatchObject({ found: true, subject: { dateOfBirth: "1991-04-02" } });
    const company = await client.commercialEnquiry(commercial("2009/654321/23"), { idempotencyKey: freshKey() });
    expect(company.data.company).toMatchObject({ status: "IN_BUSINESS", type: "CLOSE_CORPORATION" });
  });
});

describe("TPN sandbox: idempotency and billing", () => {
  it("a repeat with the same key and body returns the identical report and is not billed again", async () => {
    const tpn = await sandbox();
    const client = clientFor(tpn);
    const key = freshKey();
    const first = await client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.LATE_PAYER.idNumber), { idempotencyKey: key });
    const repeat = await client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.LATE_PAYER.idNumber), { idempotencyKey: key });
    expect(repeat.data).toEqual(first.data);
    expect(tpn.stats()).toMatchObject({ billableCalls: 1, replays: 1 });
  });

  it("the body's key order does not matter", async () => {
    const tpn = await sandbox();
    const key = freshKey();
    const body = consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await raw(tpn, "/enquiries/consumer", { headers: { "Idempotency-Key": key }, body: JSON.stringify(body) });
    const second = await raw(tpn, "/enquiries/consumer", { headers: { "Idempotency-Key": key }, body: JSON.stringify(reordered) });
    expect(second).toMatchObject({ status: 200, body: first.body });
    expect(tpn.stats().billableCalls).toBe(1);
  });

  it("concurrent duplicates are billed once and all get the same report", async () => {
    const tpn = await sandbox({ latencyMs: [100, 100] });
    const client = clientFor(tpn);
    const key = freshKey();
    const results = await Promise.all(
      [1, 2, 3].map(() => client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: key })),
    );
    expect(results[1]?.data).toEqual(results[0]?.data);
    expect(results[2]?.data).toEqual(results[0]?.data);
    expect(tpn.stats()).toMatchObject({ billableCalls: 1, replays: 2 });
  });

  it("the same key with a different body is a permanent 409", async () => {
    const tpn = await sandbox();
    const client = clientFor(tpn);
    const key = freshKey();
    await client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: key });
    const error = await failureOf(client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.LATE_PAYER.idNumber), { idempotencyKey: key }));
    expect(error).toBeInstanceOf(TpnRejectedError);
    expect(error).toMatchObject({ status: 409, tpnCode: "IDEMPOTENCY_CONFLICT", retryable: false });
    expect(tpn.stats().billableCalls).toBe(1);
  });

  it("a key is remembered for 24 hours, then a repeat is a new, billed enquiry", async () => {
    let now = Date.parse("2025-06-15T10:00:00Z");
    const tpn = await sandbox({ clock: () => now });
    const client = clientFor(tpn);
    const key = freshKey();
    const first = await client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: key });
    now += 24 * 60 * 60 * 1000 - 1;
    expect((await client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: key })).data).toEqual(first.data);
    now += 1;
    const later = await client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: key });
    expect(later.data.enquiryId).not.toBe(first.data.enquiryId);
    expect(tpn.stats()).toMatchObject({ billableCalls: 2, replays: 1 });
  });

  it("a refused request is not remembered: fixing it and resending under the same key works", async () => {
    const tpn = await sandbox();
    const client = clientFor(tpn);
    const key = freshKey();
    const refused = await failureOf(client.consumerEnquiry(consumer("8503125123089"), { idempotencyKey: key }));
    expect(refused).toMatchObject({ status: 422, tpnCode: "INVALID_ID_NUMBER", field: "idNumber", tpnMessage: "idNumber: the check digit does not match" });
    await expect(client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: key })).resolves.toBeDefined();
    expect(tpn.stats().billableCalls).toBe(1);
  });
});

describe("TPN sandbox: errors as the client sees them", () => {
  it("a wrong API key is a permanent 401", async () => {
    const tpn = await sandbox();
    const error = await failureOf(clientFor(tpn, { apiKey: "wrong-key" }).consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: freshKey() }));
    expect(error).toBeInstanceOf(TpnRejectedError);
    expect(error).toMatchObject({ status: 401, tpnCode: "UNAUTHORIZED", retryable: false });
    expect(tpn.stats().billableCalls).toBe(0);
  });

  it("over quota is TpnRateLimitedError with Retry-After and the RateLimit headers", async () => {
    const tpn = await sandbox({ quotaPerSecond: 2 });
    const client = clientFor(tpn);
    const outcomes = await Promise.allSettled(
      [1, 2, 3, 4, 5].map(() => client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: freshKey() })),
    );
    const limited = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : []));
    // Five calls fit in at most two one-second windows of two, so at least one is refused.
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const error of limited) {
      expect(error).toBeInstanceOf(TpnRateLimitedError);
      expect(error).toMatchObject({ status: 429, retryable: true, rateLimit: { limit: 2, remaining: 0 } });
      if (error instanceof TpnRateLimitedError) expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    expect(tpn.stats().billableCalls).toBe(5 - limited.length);
  });

  it("a response slower than the client's timeout is transient; the retry under the same key is not billed again", async () => {
    const tpn = await sandbox({ timeoutRate: 1 });
    const client = clientFor(tpn, { timeoutMs: 300 });
    const key = freshKey();
    const error = await failureOf(client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.FRAUD_ALERT.idNumber), { idempotencyKey: key }));
    expect(error).toBeInstanceOf(TpnTransientError);
    expect(error).toMatchObject({ reason: "timeout", retryable: true });
    expect(tpn.stats()).toMatchObject({ billableCalls: 1, hung: 1 });

    tpn.setOptions({ timeoutRate: 0 });
    const retry = await client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.FRAUD_ALERT.idNumber), { idempotencyKey: key });
    expect(retry.data.fraudAlerts?.map((alert) => alert.type)).toEqual(["IMPERSONATION"]);
    expect(tpn.stats()).toMatchObject({ billableCalls: 1, replays: 1 });
  });

  it("injected server errors are transient and not billed", async () => {
    const tpn = await sandbox({ errorRate: 1 });
    const client = clientFor(tpn);
    for (let attempt = 0; attempt < 4; attempt++) {
      const error = await failureOf(client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: freshKey() }));
      expect(error).toBeInstanceOf(TpnTransientError);
      expect(error).toMatchObject({ reason: "server_error", retryable: true });
      if (error instanceof TpnTransientError) expect([500, 503]).toContain(error.status);
    }
    expect(tpn.stats().billableCalls).toBe(0);
  });

  it("an outage opens the breaker, which fails fast, then closes once the sandbox is back", async () => {
    const tpn = await sandbox({ outage: true });
    const client = clientFor(tpn, { breaker: { failureThreshold: 3, halfOpenAfterMs: 200 } });
    const call = () => client.consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: freshKey() });

    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await failureOf(call())).toMatchObject({ status: 503, tpnCode: "UNAVAILABLE", reason: "server_error" });
    }
    expect(client.circuitState()).toBe("open");
    const requestsBefore = tpn.stats().requests;
    const fast = await failureOf(call());
    expect(fast).toBeInstanceOf(TpnUnavailableError);
    expect(tpn.stats().requests).toBe(requestsBefore);

    tpn.setOptions({ outage: false });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(call()).resolves.toMatchObject({ data: { found: true } });
    expect(client.circuitState()).toBe("closed");
  });

  it("a dropped connection is a transient network error", async () => {
    const tpn = await sandbox({ outage: "reset" });
    const error = await failureOf(clientFor(tpn).consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: freshKey() }));
    expect(error).toBeInstanceOf(TpnTransientError);
    expect(error).toMatchObject({ reason: "network", retryable: true });
    expect(tpn.stats().droppedConnections).toBeGreaterThanOrEqual(1);
  });

  it("nothing listening is a transient network error", async () => {
    const tpn = await sandbox();
    const url = tpn.url;
    await tpn.close();
    openSandboxes.splice(openSandboxes.indexOf(tpn), 1);
    const error = await failureOf(clientFor({ url }).consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: freshKey() }));
    expect(error).toMatchObject({ reason: "network", message: "TPN could not be reached (ECONNREFUSED)" });
  });

  it("health answers 200 normally and false during an outage", async () => {
    const tpn = await sandbox();
    const client = clientFor(tpn);
    expect(await client.health()).toBe(true);
    tpn.setOptions({ outage: true });
    expect(await client.health()).toBe(false);
  });
});

describe("TPN sandbox: request validation per the contract", () => {
  const valid = consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber);

  it.each([
    ["not JSON", "{", "INVALID_REQUEST", undefined],
    ["no subject", JSON.stringify({ ...valid, idNumber: undefined }), "INVALID_REQUEST", "idNumber"],
    ["both idNumber and passport", JSON.stringify({ ...valid, passport: { number: "AB123456", nationality: "ZWE", dateOfBirth: "1990-01-01" } }), "INVALID_REQUEST", "idNumber"],
    ["an idNumber that is not 13 digits", JSON.stringify({ ...valid, idNumber: "85031251230" }), "INVALID_REQUEST", "idNumber"],
    ["no consent", JSON.stringify({ ...valid, consent: undefined }), "INVALID_REQUEST", "consent"],
    ["an unknown purpose", JSON.stringify({ ...valid, purpose: "MARKETING" }), "INVALID_REQUEST", "purpose"],
    ["a clientReference over 64 characters", JSON.stringify({ ...valid, clientReference: "x".repeat(65) }), "INVALID_REQUEST", "clientReference"],
    ["consent.obtainedAt that is not a date-time", JSON.stringify({ ...valid, consent: { ...consent, obtainedAt: "yesterday" } }), "INVALID_REQUEST", "consent.obtainedAt"],
  ])("400 for %s", async (_label, body, code, field) => {
    const tpn = await sandbox();
    const response = await raw(tpn, "/enquiries/consumer", { body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code, ...(field ? { field } : {}) } });
  });

  it("400 for a missing or too short Idempotency-Key", async () => {
    const tpn = await sandbox();
    const response = await raw(tpn, "/enquiries/consumer", { headers: { "Idempotency-Key": "short" }, body: JSON.stringify(valid) });
    expect(response).toMatchObject({ status: 400, body: { error: { code: "INVALID_REQUEST", field: "Idempotency-Key" } } });
  });

  it.each([
    ["/enquiries/consumer", { ...valid, idNumber: "9402315009083" }, "INVALID_ID_NUMBER", "idNumber", "idNumber: 940231 is not a date"],
    ["/enquiries/consumer", { ...valid, idNumber: undefined, passport: { number: "AB123456", nationality: "XYZ", dateOfBirth: "1990-01-01" } }, "INVALID_REQUEST", "passport.nationality", undefined],
    ["/enquiries/consumer", { ...valid, consent: { ...consent, obtainedAt: "2999-01-01T00:00:00Z" } }, "CONSENT_REQUIRED", "consent.obtainedAt", undefined],
    ["/enquiries/commercial", commercial("2015/123456/05"), "INVALID_REGISTRATION_NUMBER", "registrationNumber", undefined],
  ])("422 on %s for %j", async (path, body, code, field, message) => {
    const tpn = await sandbox();
    const response = await raw(tpn, path, { body: JSON.stringify(body) });
    expect(response).toMatchObject({ status: 422, body: { error: { code, field, ...(message ? { message } : {}) } } });
    expect(tpn.stats().billableCalls).toBe(0);
  });

  it("400 for a registration number not in YYYY/NNNNNN/NN form", async () => {
    const tpn = await sandbox();
    const response = await raw(tpn, "/enquiries/commercial", { body: JSON.stringify(commercial("2015 123456 07")) });
    expect(response).toMatchObject({ status: 400, body: { error: { code: "INVALID_REQUEST", field: "registrationNumber" } } });
  });

  it("every response carries the RateLimit headers, and errors carry a requestId", async () => {
    const tpn = await sandbox({ quotaPerSecond: 50 });
    const responses = [
      await raw(tpn, "/enquiries/consumer", { body: JSON.stringify(valid) }),
      await raw(tpn, "/enquiries/consumer", { headers: { "X-API-Key": "nope" }, body: JSON.stringify(valid) }),
      await raw(tpn, "/enquiries/consumer", { body: "{" }),
      await raw(tpn, "/nowhere", { body: "{}" }),
      await raw(tpn, "/health", { method: "GET" }),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 401, 400, 404, 200]);
    for (const response of responses) {
      expect(response.headers.get("RateLimit-Limit")).toBe("50");
      expect(response.headers.get("RateLimit-Remaining")).toMatch(/^\d+$/);
      expect(response.headers.get("RateLimit-Reset")).toMatch(/^[1-9]\d*$/);
    }
    for (const response of responses.slice(1, 4)) expect(response.body).toMatchObject({ error: { requestId: expect.stringMatching(/^sbx-req-/) as unknown } });
    expect(tpn.stats().byStatus).toEqual({ 200: 2, 401: 1, 400: 1, 404: 1 });
  });
});

describe("an unreadable body from a server that is not TPN", () => {
  async function junkServer(status: number, body: string): Promise<string> {
    const server = createServer((_req, res) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(body);
    });
    openServers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  }

  it.each([
    ["HTML", "<html><body>Bad gateway for 8503125123088 Thandiwe</body></html>"],
    ["truncated JSON", '{"enquiryId":"e","found":true,"subject":{"firstName":"Thandiwe","idNumber":"8503125123088"'],
    ["JSON of the wrong shape", JSON.stringify({ result: { idNumber: "8503125123088", firstName: "Thandiwe" } })],
  ])("%s -> TpnUnreadableResponseError whose message holds none of the body", async (_label, body) => {
    const url = await junkServer(200, body);
    const error = await failureOf(clientFor({ url }).consumerEnquiry(consumer(CONSUMER_SCENARIOS.CLEAN_RECORD.idNumber), { idempotencyKey: freshKey() }));
    expect(error).toBeInstanceOf(TpnUnreadableResponseError);
    if (!(error instanceof TpnUnreadableResponseError)) return;
    expect(error.message).toBe("TPN returned an unreadable response");
    const serialised = JSON.stringify({ ...error, message: error.message, stack: error.stack, cause: String(error.cause) });
    expect(serialised).not.toContain("8503125123088");
    expect(serialised).not.toContain("Thandiwe");
  });
});

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startInngestExecutor, type InngestExecutor } from "@/dev/inngest/executor";
import { luhnCheckDigit } from "@/lib/identity/luhn";
import type * as AppFixtures from "../helpers/app-fixtures";

/**
 * POST /api/enquiries against whatever a client might send: arbitrary JSON, non-JSON, and bodies
 * one mistake away from valid (wrong types, huge strings, nested junk, invalid identity numbers,
 * impossible dates). The contract: never a 5xx; every 4xx is `{ error: { code, message } }`; a 422
 * names the offending field. Valid bodies count against the 10-per-hour enquiry limit, so requests
 * rotate over many users and a 429 is an acceptable (well-formed) answer.
 */
const SUBMITTERS = ["manager", "landlord", "landlord2", "solo", "otherManager", "otherLandlord"] as const;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

// ---- generators ---------------------------------------------------------------------------------

const junk = fc.jsonValue({ maxDepth: 3 });
const huge = fc.integer({ min: 200, max: 80_000 }).chain((length) => fc.constantFrom("9", "x", "é", "\u0000", "😀").map((c) => c.repeat(length)));
const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 30 }), huge);
const notString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(junk, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 3 }));
const loose = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: text }, { weight: 1, arbitrary: notString });

const yymmdd = fc.record({ year: fc.integer({ min: 0, max: 99 }), month: fc.integer({ min: 0, max: 14 }), day: fc.integer({ min: 0, max: 33 }) });
const pad = (value: number, width = 2) => String(value).padStart(width, "0");
/** 13 digits with a correct check digit; the date part may be impossible (month 13, 31 February...). */
const checkedIdNumber = fc
  .tuple(yymmdd, fc.integer({ min: 0, max: 9999 }), fc.constantFrom("0", "1", "2", "3", "9"), fc.constantFrom("8", "9"))
  .map(([date, serial, citizenship, a]) => {
    const payload = `${pad(date.year)}${pad(date.month)}${pad(date.day)}${pad(serial, 4)}${citizenship}${a}`;
    return payload + String(luhnCheckDigit(payload));
  });
const idNumber = fc.oneof(
  checkedIdNumber,
  checkedIdNumber.map((id) => `${id.slice(0, 6)} ${id.slice(6, 10)} ${id.slice(10)}`),
  checkedIdNumber.map((id) => id.slice(0, 12) + String((Number(id.slice(12)) + 1) % 10)),
  fc.stringMatching(/^\d{1,20}$/),
  fc.string({ maxLength: 20 }),
  fc.constant("８００１０１５００９０８７"),
);

const isoDate = (offsetMs: fc.Arbitrary<number>) => offsetMs.map((offset) => new Date(Date.now() + offset).toISOString());
const dateText = fc.oneof(
  isoDate(fc.integer({ min: -80 * 86_400_000, max: 0 })),
  isoDate(fc.integer({ min: 10 * 60_000, max: 400 * 86_400_000 })),
  isoDate(fc.integer({ min: -100 * 365 * 86_400_000, max: -91 * 86_400_000 })),
  fc.constantFrom(
    "2026-02-30T10:00:00Z",
    "2026-02-31T10:00:00+02:00",
    "2026-13-01T00:00:00Z",
    "2026-00-10T00:00:00Z",
    "2026-12-01T25:00:00Z",
    "2026-12-01T23:61:00Z",
    "2026-12-01T23:59:60Z",
    "2026-12-01",
    "2026-12-01T10:00:00",
    "+275760-09-13T00:00:00.000Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999Z",
    "yesterday",
    "",
  ),
);
const calendarText = fc.oneof(
  fc.constantFrom("1990-01-01", "1990-02-30", "2001-02-29", "1990-13-01", "2999-01-01", "1800-01-01", "01/02/1990", ""),
  fc.date({ min: new Date("1900-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
);

const money = fc.oneof(
  fc.integer({ min: 1, max: 50_000 }),
  fc.double({ min: -1e12, max: 1e12, noNaN: true }),
  fc.constantFrom(0, -1, 0.001, 10.005, 10_000_001, 1e308, Number.MAX_SAFE_INTEGER),
  fc.constantFrom("9000", "R 9 000", null, true),
);

const individual = fc.record(
  {
    type: fc.oneof({ weight: 5, arbitrary: fc.constant("individual") }, { weight: 1, arbitrary: loose(fc.constantFrom("Individual", "person")) }),
    idNumber: loose(idNumber),
    passport: loose(
      fc.record(
        {
          number: loose(fc.oneof(fc.stringMatching(/^[A-Z0-9]{6,9}$/), fc.string({ maxLength: 14 }))),
          nationality: loose(fc.constantFrom("ZWE", "MOZ", "zwe", "XYZ", "ZA", "ZAF", "ZWE ")),
          dateOfBirth: loose(calendarText),
        },
        { requiredKeys: ["number", "nationality", "dateOfBirth"] },
      ),
    ),
    firstName: loose(fc.string({ maxLength: 90 })),
    surname: loose(fc.string({ maxLength: 90 })),
  },
  { requiredKeys: ["type"] },
);
const company = fc.record(
  {
    type: fc.constant("company"),
    registrationNumber: loose(
      fc.oneof(
        fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 99 })).map(
          ([year, number, kind]) => `${year}/${pad(number, 6)}/${pad(kind)}`,
        ),
        fc.string({ maxLength: 20 }),
      ),
    ),
    name: loose(fc.string({ maxLength: 200 })),
  },
  { requiredKeys: ["type"] },
);
const attested = fc.record(
  {
    method: loose(fc.constantFrom("signed_form", "electronic", "whatsapp", "verbal")),
    obtainedAt: loose(dateText),
    confirmed: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constantFrom(false, "true", 1, null) }),
  },
  { requiredKeys: [] },
);
const askApplicant = fc.record({
  requestFromApplicant: loose(
    fc.record(
      {
        email: loose(fc.oneof(fc.emailAddress().map((email) => `fuzz-${email}`.slice(0, 120)), fc.constantFrom("not-an-email", "a@b", "x@fixture.tenantlens.test "))),
        phone: loose(fc.constantFrom("+27821234567", "082 123 4567", "phone")),
      },
      { requiredKeys: [] },
    ),
  ),
});

/** A body the API must accept: a real SA ID number or CIPC number, consent recorded minutes ago. */
const validIdNumber = fc
  .tuple(fc.date({ min: new Date("1940-01-01"), max: new Date("2005-12-31"), noInvalidDate: true }), fc.integer({ min: 0, max: 9999 }), fc.constantFrom("0", "1"))
  .map(([birth, serial, citizenship]) => {
    const iso = birth.toISOString();
    const payload = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${pad(serial, 4)}${citizenship}8`;
    return payload + String(luhnCheckDigit(payload));
  });
const validBody = fc.record({
  subject: fc.oneof(
    fc.record({ type: fc.constant("individual"), idNumber: validIdNumber, firstName: fc.constantFrom("Thandi", "Pieter", "Ayesha") }),
    fc.record({
      type: fc.constant("individual"),
      passport: fc.record({
        number: fc.stringMatching(/^[A-Z]{2}[0-9]{7}$/),
        nationality: fc.constantFrom("ZWE", "MOZ", "NGA", "GBR"),
        dateOfBirth: fc.date({ min: new Date("1950-01-01"), max: new Date("2004-01-01"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
      }),
      surname: fc.constantFrom("Moyo", "Banda"),
    }),
    fc.record({ type: fc.constant("company"), registrationNumber: fc.integer({ min: 0, max: 999_999 }).map((n) => `2015/${pad(n, 6)}/07`) }),
  ),
  consent: fc.record({
    method: fc.constantFrom("signed_form", "electronic", "whatsapp"),
    obtainedAt: isoDate(fc.integer({ min: -30 * 86_400_000, max: -60_000 })),
    confirmed: fc.constant(true),
  }),
  monthlyRent: fc.integer({ min: 1_000, max: 40_000 }),
});

/** A body that is valid or nearly so: each part right most of the time, any part possibly wrong. */
const mutatedBody = fc.record(
  {
    subject: fc.oneof({ weight: 4, arbitrary: individual }, { weight: 2, arbitrary: company }, { weight: 1, arbitrary: junk }),
    consent: fc.oneof({ weight: 4, arbitrary: attested }, { weight: 2, arbitrary: askApplicant }, { weight: 1, arbitrary: junk }),
    monthlyRent: money,
    grossMonthlyIncome: money,
    reference: loose(fc.string({ maxLength: 80 })),
    ignoreRecentReport: loose(fc.boolean()),
    extra: junk,
  },
  { requiredKeys: ["subject", "consent"] },
);
/** A valid body with exactly one value replaced: reaches the checks behind the ones a random body trips. */
const MUTABLE_PATHS = [
  ["subject", "type"],
  ["subject", "idNumber"],
  ["subject", "passport"],
  ["subject", "registrationNumber"],
  ["subject", "firstName"],
  ["consent", "method"],
  ["consent", "obtainedAt"],
  ["consent", "confirmed"],
  ["consent"],
  ["subject"],
  ["monthlyRent"],
  ["grossMonthlyIncome"],
  ["reference"],
  ["ignoreRecentReport"],
] as const;
const replacement = fc.oneof(text, notString, junk, idNumber, dateText, money, individual, attested, askApplicant);
const oneMistake = fc.tuple(validBody, fc.constantFrom(...MUTABLE_PATHS), replacement).map(([body, path, value]) => {
  const copy = structuredClone(body) as Record<string, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path[path.length - 1] ?? "subject"] = value;
  return copy;
});
const nearValidBody = fc.oneof({ weight: 1, arbitrary: validBody }, { weight: 2, arbitrary: oneMistake }, { weight: 2, arbitrary: mutatedBody });

// ---- the test -----------------------------------------------------------------------------------

describe("POST /api/enquiries under fuzzed bodies", () => {
  let executor: InngestExecutor;
  let fixtures: typeof AppFixtures;
  let post: AppFixtures.RouteHandler;
  const cookies: string[] = [];
  const seen = new Map<number, number>();
  let sent = 0;

  beforeAll(async () => {
    // Accepted enquiries hand their event to Inngest: an executor with no app takes it and runs nothing.
    executor = await startInngestExecutor({ port: 0, virtualTime: true });
    vi.stubEnv("INNGEST_DEV", "1");
    vi.stubEnv("INNGEST_BASE_URL", executor.url);
    vi.stubEnv("PUSHER_APP_ID", "");
    fixtures = await import("../helpers/app-fixtures");
    const db = await (await import("@/db")).getDb();
    post = (await import("@/app/api/enquiries/route")).POST;
    // 24 requesters: at most ~20 requests each, under the 120-a-minute API limit.
    for (let i = 0; i < 4; i += 1) {
      const fixture = await fixtures.createFixture(db);
      for (const key of SUBMITTERS) cookies.push(await fixtures.sessionCookie(fixture.users[key]));
    }
  });

  afterAll(async () => {
    await executor?.close();
    vi.unstubAllEnvs();
  });

  async function send(raw: string): Promise<void> {
    const cookie = cookies[sent % cookies.length] ?? "";
    sent += 1;
    const response = await fixtures.callRoute(post, fixtures.apiRequest("/api/enquiries", { method: "POST", cookie, body: raw }));
    seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
    const answer = await response.text();
    const context = `${response.status} for ${raw.slice(0, 300)}\n-> ${answer.slice(0, 300)}`;
    expect(response.status, context).toBeLessThan(500);
    if (response.status === 202) {
      const created = JSON.parse(answer) as { id?: unknown; status?: unknown };
      expect(created.id, context).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
      expect(["queued", "awaiting_consent"], context).toContain(created.status);
      return;
    }
    expect(response.status, context).toBeGreaterThanOrEqual(400);
    const { error } = JSON.parse(answer) as { error?: { code?: unknown; message?: unknown; field?: unknown } };
    expect(error?.code, context).toEqual(expect.stringMatching(/\S/));
    expect(error?.message, context).toEqual(expect.stringMatching(/\S/));
    if (response.status === 422) expect(error?.field, context).toEqual(expect.stringMatching(/\S/));
  }

  it("answers arbitrary JSON with a well-formed 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(junk, (value) => send(JSON.stringify(value))),
      { numRuns: 100, seed: SEED },
    );
  });

  it("answers non-JSON and truncated JSON with a well-formed 4xx", async () => {
    const truncated = nearValidBody.chain((body) => {
      const whole = JSON.stringify(body);
      return fc.integer({ min: 0, max: Math.max(0, whole.length - 1) }).map((cut) => whole.slice(0, cut));
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), truncated, huge), (raw) => send(raw)),
      { numRuns: 60, seed: SEED },
    );
  });

  it("answers near-valid bodies with 202 or a well-formed 4xx naming the field", async () => {
    const before = new Map(seen);
    await fc.assert(
      fc.asyncProperty(nearValidBody, (body) => send(JSON.stringify(body))),
      { numRuns: 200, seed: SEED },
    );
    const delta = (status: number) => (seen.get(status) ?? 0) - (before.get(status) ?? 0);
    // Not vacuous: the generator reaches both validation failures and accepted enquiries.
    expect(delta(422)).toBeGreaterThan(20);
    expect(delta(202)).toBeGreaterThan(0);
  });
});

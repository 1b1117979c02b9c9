/**
 * The signed consent form: attached to an attested consent by its bytes' type, at most 5 MB, once per
 * consent; sealed at rest; downloadable by whoever may read the enquiry; every upload and read audited.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { auditEvents, consentDocuments, consents } from "@/db/schema";
import { callRoute, createFixture, sessionCookie, type Fixture, type FixtureUser, type RouteHandler } from "../helpers/app-fixtures";
import { insertEnquiry, insertEnquiryWithoutConsent } from "../helpers/enquiry-fixtures";

const MB = 1024 * 1024;
const ascii = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
};
const PNG_HEADER = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (marker: string) => concat(PNG_HEADER, ascii(`IHDR fake image ${marker}`));
const pdf = (marker: string) => ascii(`%PDF-1.4\n% signed consent form ${marker}\n%%EOF\n`);
const contains = (haystack: Uint8Array, needle: Uint8Array) => Buffer.from(haystack).includes(Buffer.from(needle));

let ipCounter = 0;

describe("signed consent form", () => {
  let db: Database;
  let fixture: Fixture;
  let route: { GET: RouteHandler; POST: RouteHandler };

  beforeAll(async () => {
    db = await getDb();
    fixture = await createFixture(db);
    route = await import("@/app/api/enquiries/[id]/consent-form/route");
  });

  async function upload(user: FixtureUser, enquiryId: string, file: { bytes: Uint8Array; name: string; type?: string }) {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
    ipCounter += 1;
    const request = new Request(new URL(`/api/enquiries/${enquiryId}/consent-form`, "http://localhost:3000"), {
      method: "POST",
      headers: { cookie: await sessionCookie(user), "sec-fetch-site": "same-origin", "x-forwarded-for": `10.88.${(ipCounter >> 8) & 255}.${ipCounter & 255}` },
      body: form,
    });
    const response = await callRoute(route.POST, request, { id: enquiryId });
    const body = (await response.json().catch(() => ({}))) as { consentForm?: { id: string; filename: string; mimeType: string; bytes: number }; error?: { code: string; field?: string } };
    return { status: response.status, body };
  }

  async function download(user: FixtureUser, enquiryId: string) {
    ipCounter += 1;
    const request = new Request(new URL(`/api/enquiries/${enquiryId}/consent-form`, "http://localhost:3000"), {
      headers: { cookie: await sessionCookie(user), "sec-fetch-site": "same-origin", "x-forwarded-for": `10.89.${(ipCounter >> 8) & 255}.${ipCounter & 255}` },
    });
    const response = await callRoute(route.GET, request, { id: enquiryId });
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  it("accepts a PDF and a PNG by their bytes, seals them at rest, gives the same bytes back and audits both", async () => {
    const owner = fixture.users.manager;
    const marker = crypto.randomUUID();
    const cases = [
      { bytes: pdf(marker), name: "C:\\scans\\signed consent", type: "image/png", mimeType: "application/pdf", filename: "signed consent.pdf" },
      { bytes: png(marker), name: "photo-of-form.txt", type: "text/plain", mimeType: "image/png", filename: "photo-of-form.png" },
    ];
    for (const file of cases) {
      const enquiryId = await insertEnquiry(db, owner);
      const uploaded = await upload(owner, enquiryId, file);
      expect(uploaded.status, file.filename).toBe(201);
      expect(uploaded.body.consentForm).toMatchObject({ filename: file.filename, mimeType: file.mimeType, bytes: file.bytes.byteLength });

      // The detail shows the form's name (the enquiry read is what the detail page renders).
      const { getEnquiry } = await import("@/lib/enquiries/read-enquiry");
      const detail = await getEnquiry(db, { userId: owner.id, organisationId: owner.organisationId, role: owner.role, via: "session" }, { actorType: "system", channel: "system" }, enquiryId);
      expect(detail.consentForm).toEqual({ filename: file.filename, mimeType: file.mimeType, bytes: file.bytes.byteLength });

      const fetched = await download(owner, enquiryId);
      expect(fetched.status).toBe(200);
      expect(Buffer.from(fetched.bytes).equals(Buffer.from(file.bytes))).toBe(true);
      expect(fetched.headers.get("content-type")).toBe(file.mimeType);
      expect(fetched.headers.get("content-disposition")).toBe(`attachment; filename="${file.filename}"`);
      expect(fetched.headers.get("cache-control")).toBe("no-store");
      expect(fetched.headers.get("x-content-type-options")).toBe("nosniff");

      const [row] = await db.select().from(consentDocuments).where(eq(consentDocuments.enquiryId, enquiryId));
      if (!row) throw new Error("consent document row missing");
      const [consent] = await db.select().from(consents).where(eq(consents.enquiryId, enquiryId));
      expect(row).toMatchObject({ consentId: consent?.id, organisationId: owner.organisationId, uploadedBy: owner.id, mimeType: file.mimeType, bytes: file.bytes.byteLength });
      expect(JSON.stringify(row)).not.toMatch(/signed consent|photo-of-form/);
      const { getObjectStore } = await import("@/lib/storage/get-object-store");
      const stored = await getObjectStore().get(row.objectKey);
      expect(stored.byteLength).toBeGreaterThan(0);
      expect(contains(stored, file.bytes)).toBe(false);
      expect(contains(stored, ascii(marker))).toBe(false);
      expect(contains(stored.subarray(0, 16), file.bytes.subarray(0, 4))).toBe(false);

      const audited = await db.select({ action: auditEvents.action, actorId: auditEvents.actorId }).from(auditEvents).where(eq(auditEvents.resourceId, enquiryId));
      expect(audited).toEqual(expect.arrayContaining([{ action: "consent.form.upload", actorId: owner.id }, { action: "consent.form.read", actorId: owner.id }]));
    }
  });

  it("refuses a disguised file, an empty one and one over 5 MB with 422 on `file` (or 413), and stores nothing", async () => {
    const owner = fixture.users.manager;
    const enquiryId = await insertEnquiry(db, owner);
    const disguised = await upload(owner, enquiryId, { bytes: ascii("<html><script>alert(1)</script></html>"), name: "form.pdf", type: "application/pdf" });
    expect(disguised.status).toBe(422);
    expect(disguised.body.error).toMatchObject({ code: "UNSUPPORTED_FILE_TYPE", field: "file" });
    const empty = await upload(owner, enquiryId, { bytes: new Uint8Array(0), name: "empty.pdf" });
    expect(empty.status).toBe(422);
    expect(empty.body.error?.field).toBe("file");
    const justOver = await upload(owner, enquiryId, { bytes: concat(PNG_HEADER, new Uint8Array(5 * MB + 1 - PNG_HEADER.byteLength)), name: "big.png" });
    expect([413, 422]).toContain(justOver.status);
    const wayOver = await upload(owner, enquiryId, { bytes: concat(PNG_HEADER, new Uint8Array(6 * MB)), name: "huge.png" });
    expect([413, 422]).toContain(wayOver.status);
    expect(await db.select().from(consentDocuments).where(eq(consentDocuments.enquiryId, enquiryId))).toHaveLength(0);
    // At exactly 5 MB the form is fine.
    const exactly = await upload(owner, enquiryId, { bytes: concat(PNG_HEADER, new Uint8Array(5 * MB - PNG_HEADER.byteLength)), name: "exactly.png" });
    expect(exactly.status).toBe(201);
  });

  it("answers 409 for a second form, for consent the applicant is asked for, and after a withdrawal", async () => {
    const owner = fixture.users.manager;
    const enquiryId = await insertEnquiry(db, owner);
    expect((await upload(owner, enquiryId, { bytes: pdf("first"), name: "first.pdf" })).status).toBe(201);
    const second = await upload(owner, enquiryId, { bytes: pdf("second"), name: "second.pdf" });
    expect(second.status).toBe(409);
    expect(second.body.error?.code).toBe("CONSENT_FORM_EXISTS");
    expect(await db.select().from(consentDocuments).where(eq(consentDocuments.enquiryId, enquiryId))).toHaveLength(1);

    const requested = await insertEnquiryWithoutConsent(db, owner, "awaiting_consent");
    const noConsent = await upload(owner, requested.id, { bytes: pdf("requested"), name: "form.pdf" });
    expect(noConsent.status).toBe(409);
    expect(noConsent.body.error?.code).toBe("CONSENT_NOT_ATTESTED");
    // The applicant consented themselves through the link: still not an attested consent.
    await db.insert(consents).values({
      enquiryId: requested.id,
      subjectId: requested.subjectId,
      kind: "granted",
      method: "applicant_link",
      purpose: "TENANT_SCREENING",
      noticeVersion: "2026-12-v1",
      obtainedAt: new Date(),
    });
    expect((await upload(owner, requested.id, { bytes: pdf("link"), name: "form.pdf" })).status).toBe(409);

    const withdrawn = await insertEnquiry(db, owner);
    const [granted] = await db.select().from(consents).where(eq(consents.enquiryId, withdrawn));
    if (!granted) throw new Error("fixture consent missing");
    await db.insert(consents).values({ ...granted, id: undefined, createdAt: new Date(Date.now() + 1000), kind: "withdrawn" });
    expect((await upload(owner, withdrawn, { bytes: pdf("withdrawn"), name: "form.pdf" })).status).toBe(409);
  });

  it("answers 404 to another organisation and to a Landlord's colleague, for upload and download alike", async () => {
    const enquiryId = await insertEnquiry(db, fixture.users.landlord);
    for (const outsider of [fixture.users.otherManager, fixture.users.landlord2]) {
      expect((await upload(outsider, enquiryId, { bytes: pdf("outsider"), name: "form.pdf" })).status).toBe(404);
    }
    expect((await upload(fixture.users.landlord, enquiryId, { bytes: pdf("owner"), name: "form.pdf" })).status).toBe(201);
    for (const outsider of [fixture.users.otherManager, fixture.users.otherLandlord, fixture.users.landlord2]) {
      expect((await download(outsider, enquiryId)).status).toBe(404);
    }
    // The owner's Property Manager reads it.
    expect((await download(fixture.users.manager, enquiryId)).status).toBe(200);
    const reads = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "consent.form.read"), eq(auditEvents.resourceId, enquiryId)));
    expect(reads).toHaveLength(1);
  });

  it("answers 404 for the download of an enquiry without a form", async () => {
    const enquiryId = await insertEnquiry(db, fixture.users.manager);
    expect((await download(fixture.users.manager, enquiryId)).status).toBe(404);
  });
});

/**
 * Privacy requests (POPIA s23/s24, GDPR art. 15/17): an Admin finds a data subject by their number,
 * exports what we hold, and erases it; the nightly sweep erases subjects whose retention period ended.
 * Customers and support agents get none of it. Every step is audited, and no audit event holds the number.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { auditEvents, dataKeys, enquiries, organisations, reports, shareLinks, subjects, whatsappContacts, whatsappMessages } from "@/db/schema";
import { forgetCachedDataKeys } from "@/lib/crypto/data-keys";
import { ERASED_MESSAGE_TEXT } from "@/lib/privacy/redact-whatsapp-traces";
import { sweepExpiredSubjects } from "@/lib/privacy/sweep-expired-subjects";
import { createShareLink } from "@/lib/reports/share-links";
import { getObjectStore } from "@/lib/storage/get-object-store";
import { readSubject } from "@/lib/subjects/read-subject";
import { registerSubject } from "@/lib/subjects/register-subject";
import { findOrCreateContact } from "@/lib/whatsapp/contacts";
import { openBody, sealBody } from "@/lib/whatsapp/message-store";
import { apiRequest, callRoute, createFixture, sessionCookie, type Fixture, type FixtureUser, type RouteHandler } from "../helpers/app-fixtures";
import { insertEnquiry, insertReadyReport } from "../helpers/enquiry-fixtures";
import { freshSaIdNumber } from "../helpers/identity-numbers";
import { freshWhatsAppNumber, linkTestNumber } from "../helpers/whatsapp-fixtures";

type Route = { GET?: RouteHandler; POST?: RouteHandler };
const DAY_MS = 86_400_000;
const system = { actorType: "system" as const, channel: "system" as const };
const actorOf = (user: FixtureUser) => ({ userId: user.id, organisationId: user.organisationId, role: user.role, via: "session" as const });

describe("privacy requests", () => {
  let db: Database;
  let fixture: Fixture;
  let lookupRoute: Route;
  let exportRoute: Route;
  let eraseRoute: Route;
  let reportRoute: Route;
  let pdfRoute: Route;
  let listRoute: Route;

  beforeAll(async () => {
    db = await getDb();
    fixture = await createFixture(db);
    lookupRoute = await import("@/app/api/admin/privacy/subject-lookup/route");
    exportRoute = await import("@/app/api/admin/privacy/subjects/[id]/export/route");
    eraseRoute = await import("@/app/api/admin/privacy/subjects/[id]/erase/route");
    reportRoute = await import("@/app/api/reports/[id]/route");
    pdfRoute = await import("@/app/api/reports/[id]/pdf/route");
    listRoute = await import("@/app/api/enquiries/route");
  });

  /** A ready report by the agency's Landlord, with its subject and the subject's plaintext number. */
  async function readyReport(owner = fixture.users.landlord) {
    const enquiryId = await insertReadyReport(db, owner);
    const [row] = await db.select({ subjectId: enquiries.subjectId }).from(enquiries).where(eq(enquiries.id, enquiryId));
    if (!row) throw new Error("fixture enquiry missing");
    const { identifier } = await readSubject(db, row.subjectId);
    return { enquiryId, subjectId: row.subjectId, identifier };
  }

  async function lookup(user: FixtureUser | undefined, body: unknown) {
    const request = apiRequest("/api/admin/privacy/subject-lookup", { method: "POST", body, cookie: user ? await sessionCookie(user) : undefined });
    const response = await callRoute(lookupRoute.POST as RouteHandler, request);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; field?: string } } };
  }

  async function exportOf(user: FixtureUser | undefined, subjectId: string) {
    const request = apiRequest(`/api/admin/privacy/subjects/${subjectId}/export`, { cookie: user ? await sessionCookie(user) : undefined });
    return callRoute(exportRoute.GET as RouteHandler, request, { id: subjectId });
  }

  async function erase(user: FixtureUser | undefined, subjectId: string, body: unknown = { reason: "data-subject-request", reference: "DSR-2026-0042" }) {
    const request = apiRequest(`/api/admin/privacy/subjects/${subjectId}/erase`, { method: "POST", body, cookie: user ? await sessionCookie(user) : undefined });
    const response = await callRoute(eraseRoute.POST as RouteHandler, request, { id: subjectId });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; field?: string } } };
  }

  const auditOf = (subjectId: string) => db.select().from(auditEvents).where(eq(auditEvents.resourceId, subjectId));

  it("finds a subject by ID number (spaces and all), lists what we hold, and audits the lookup without the number", async () => {
    const { enquiryId, subjectId, identifier } = await readyReport();
    const typed = `${identifier.slice(0, 6)} ${identifier.slice(6, 10)} ${identifier.slice(10)}`;
    const [agency] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, fixture.agencyId));
    const found = await lookup(fixture.users.admin, { identifier: typed });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      subject: { id: subjectId, kind: "individual", erasedAt: null },
      enquiries: [{ id: enquiryId, organisationName: agency?.name, status: "ready" }],
      reports: 1,
      consents: 1,
      shareLinks: { total: 0, active: 0 },
      retention: { days: 730 },
    });
    expect((found.body.retention as { erasesAfter: string | null }).erasesAfter).not.toBeNull();

    // The explicit type gives the same answer.
    expect((await lookup(fixture.users.admin, { identifier, identifierType: "sa-id" })).status).toBe(200);

    const events = await auditOf(subjectId);
    const looked = events.filter((event) => event.action === "privacy.subject.lookup");
    expect(looked).toHaveLength(2);
    expect(looked[0]).toMatchObject({ actorId: fixture.users.admin.id, outcome: "success", metadata: { identifierType: "sa-id", found: true } });
    expect(JSON.stringify(events)).not.toContain(identifier);
  });

  it("answers 404 for a number we do not hold (audited as a failed lookup) and 422 naming the field for an invalid one", async () => {
    const unknown = freshSaIdNumber();
    const missing = await lookup(fixture.users.admin, { identifier: unknown });
    expect(missing.status).toBe(404);
    const [failed] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "privacy.subject.lookup"), eq(auditEvents.outcome, "failure"), eq(auditEvents.actorId, fixture.users.admin.id)));
    expect(failed?.resourceId).toBeNull();
    expect(JSON.stringify(failed)).not.toContain(unknown);

    const badCheckDigit = `${unknown.slice(0, 12)}${(Number(unknown.slice(12)) + 1) % 10}`;
    const invalid = await lookup(fixture.users.admin, { identifier: badCheckDigit });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toMatchObject({ code: "INVALID_ID_NUMBER", field: "identifier" });

    const passport = await lookup(fixture.users.admin, { identifier: "AB123456", identifierType: "passport" });
    expect(passport.status).toBe(422);
    expect(passport.body.error?.field).toBe("nationality");
    expect((await lookup(fixture.users.admin, { identifier: "2016/482913/99", identifierType: "cipc" })).body.error?.field).toBe("identifier");
  });

  it("refuses customers and support agents (403) and anonymous callers (401), and tells them nothing", async () => {
    const { subjectId, identifier } = await readyReport();
    for (const key of ["landlord", "manager", "solo", "agent"] as const) {
      const user = fixture.users[key];
      expect((await lookup(user, { identifier })).status, key).toBe(403);
      expect((await exportOf(user, subjectId)).status, key).toBe(403);
      expect((await erase(user, subjectId)).status, key).toBe(403);
    }
    expect((await lookup(undefined, { identifier })).status).toBe(401);
    expect((await exportOf(undefined, subjectId)).status).toBe(401);
    expect((await erase(undefined, subjectId)).status).toBe(401);
    const [row] = await db.select({ erasedAt: subjects.erasedAt }).from(subjects).where(eq(subjects.id, subjectId));
    expect(row?.erasedAt).toBeNull();
  });

  it("exports the decrypted identifier and record as a JSON download, and audits it", async () => {
    const { enquiryId, subjectId, identifier } = await readyReport();
    const response = await exportOf(fixture.users.admin, subjectId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="tenantlens-subject-${subjectId.slice(0, 8)}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { format: string; subject: { identifier: string; identifierType: string }; enquiries: Array<Record<string, unknown>> };
    expect(body.format).toBe("tenantlens.subject-export.v1");
    expect(body.subject).toMatchObject({ identifier, identifierType: "South African ID number" });
    expect(body.enquiries).toHaveLength(1);
    expect(body.enquiries[0]).toMatchObject({ id: enquiryId, status: "ready", consents: [{ kind: "granted", method: "signed_form" }] });
    const first = body.enquiries[0] as { bureauRecord: { source: string; record: unknown }; riskAssessment: { assessment: { score: unknown } } };
    expect(first.bureauRecord.source).toBe("TPN");
    expect(first.bureauRecord.record).toBeTypeOf("object");
    expect(first.riskAssessment.assessment.score).toBeTypeOf("number");

    const exported = (await auditOf(subjectId)).filter((event) => event.action === "privacy.subject.export");
    expect(exported).toMatchObject([{ actorId: fixture.users.admin.id, metadata: { enquiries: 1 } }]);
    expect(JSON.stringify(exported)).not.toContain(identifier);
  });

  it("erases a subject: reads answer 410, running enquiries stop, links end, files go, and only the reference reaches the audit log", async () => {
    const owner = fixture.users.landlord;
    const { enquiryId, subjectId, identifier } = await readyReport(owner);
    await db.update(enquiries).set({ reference: "Flat 4, Thandi Mokoena" }).where(eq(enquiries.id, enquiryId));
    const link = await createShareLink(db, actorOf(owner), system, enquiryId, { expiresInDays: 3, label: "For the owner" });
    // A second enquiry about the same applicant, still waiting for consent.
    const runningId = crypto.randomUUID();
    await db.insert(enquiries).values({
      id: runningId,
      organisationId: owner.organisationId,
      requestedBy: owner.id,
      subjectId,
      subjectType: "individual",
      identifierKind: "sa-id",
      identifierLast4: identifier.slice(-4),
      status: "awaiting_consent",
      consentDeadline: new Date(Date.now() + 7 * DAY_MS),
    });
    const [report] = await db.select({ key: reports.pdfObjectKey }).from(reports).where(eq(reports.enquiryId, enquiryId));
    if (!report?.key) throw new Error("fixture report has no PDF");
    await expect(getObjectStore().get(report.key)).resolves.toBeDefined();

    // The reference goes into the audit log: the applicant's number may not.
    const leaky = await erase(fixture.users.admin, subjectId, { reason: "data-subject-request", reference: `DSR ${identifier.slice(0, 6)}-${identifier.slice(6)}` });
    expect(leaky.status).toBe(422);
    expect(leaky.body.error?.field).toBe("reference");
    expect((await erase(fixture.users.admin, subjectId, { reason: "retention-expired", reference: "DSR-1" })).status).toBe(422);

    const erased = await erase(fixture.users.admin, subjectId);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ subjectId, alreadyErased: false, enquiries: 2, enquiriesStopped: 1, filesDeleted: 1 });
    forgetCachedDataKeys();

    const landlordCookie = await sessionCookie(owner);
    const reportRead = await callRoute(reportRoute.GET as RouteHandler, apiRequest(`/api/reports/${enquiryId}`, { cookie: landlordCookie }), { id: enquiryId });
    expect(reportRead.status).toBe(410);
    expect(((await reportRead.json()) as { error: { code: string } }).error.code).toBe("ERASED");
    const pdf = await callRoute(pdfRoute.GET as RouteHandler, apiRequest(`/api/reports/${enquiryId}/pdf`, { cookie: landlordCookie }), { id: enquiryId });
    expect(pdf.status).toBe(410);
    await expect(getObjectStore().get(report.key)).rejects.toThrow();

    const exported = await exportOf(fixture.users.admin, subjectId);
    expect(exported.status).toBe(410);
    expect(((await exported.json()) as { error: { message: string } }).error.message).toMatch(/erased on \d{4}-\d{2}-\d{2}/);

    const found = await lookup(fixture.users.admin, { identifier });
    expect(found.status).toBe(200);
    expect((found.body.subject as { erasedAt: string | null }).erasedAt).toEqual(erased.body.erasedAt);

    const [running] = await db.select().from(enquiries).where(eq(enquiries.id, runningId));
    expect(running).toMatchObject({ status: "failed", failureCode: "SUBJECT_ERASED" });
    const [labelled] = await db.select({ reference: enquiries.reference, last4: enquiries.identifierLast4 }).from(enquiries).where(eq(enquiries.id, enquiryId));
    expect(labelled).toEqual({ reference: null, last4: "" });
    // The requester's list still shows that the enquiry happened, marked erased, with nothing personal.
    const listed = await callRoute(listRoute.GET as RouteHandler, apiRequest("/api/enquiries", { cookie: landlordCookie }));
    const { items } = (await listed.json()) as { items: { id: string; erased: boolean; identifier: string | null; name: string | null; reference: string | null }[] };
    expect(items.find((item) => item.id === enquiryId)).toMatchObject({ erased: true, identifier: null, name: null, reference: null });
    const [shared] = await db.select().from(shareLinks).where(eq(shareLinks.id, link.id));
    expect(shared?.revokedAt).not.toBeNull();
    expect(shared?.label).toBeNull();

    const events = await auditOf(subjectId);
    const erasure = events.filter((event) => event.action === "subject.erase");
    expect(erasure).toHaveLength(1);
    expect(erasure[0]).toMatchObject({ actorId: fixture.users.admin.id, metadata: { reason: "data-subject-request", reference: "DSR-2026-0042", enquiries: 2, enquiriesStopped: 1 } });
    expect(JSON.stringify(events)).not.toContain(identifier);

    // Again: nothing changes, the first erasure's time comes back, nothing more is audited.
    const again = await erase(fixture.users.admin, subjectId, { reason: "data-subject-request", reference: "DSR-2026-0043" });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ alreadyErased: true, erasedAt: erased.body.erasedAt });
    expect((await auditOf(subjectId)).filter((event) => event.action === "subject.erase")).toHaveLength(1);

    // And the applicant is not screened again.
    await expect(registerSubject(db, { kind: "individual", identifierKind: "sa-id", identifier })).rejects.toMatchObject({ status: 410 });
  });

  it("reaches the WhatsApp copies: the applicant-only number is removed, the requester's copies are overwritten", async () => {
    const owner = fixture.users.manager;
    const { enquiryId, subjectId, identifier } = await readyReport(owner);
    // The applicant was asked for consent on their own number.
    const applicant = await findOrCreateContact(db, freshWhatsAppNumber());
    await db.insert(whatsappMessages).values({
      contactId: applicant.id,
      direction: "out",
      kind: "text",
      purpose: "consent-request",
      enquiryId,
      wamid: `wamid.${crypto.randomUUID()}`,
      bodyEncrypted: await sealBody(db, applicant, { direction: "out", message: { type: "text", text: `Agency asks for your consent (ID •••••••••${identifier.slice(-4)})` } }),
      status: "delivered",
    });
    // The requester typed the number on their linked phone and got a summary, still held back.
    const { contact: requester } = await linkTestNumber(db, owner.id);
    const store = async (values: Omit<typeof whatsappMessages.$inferInsert, "contactId" | "bodyEncrypted">, body: Parameters<typeof sealBody>[2]) => {
      const [row] = await db
        .insert(whatsappMessages)
        .values({ contactId: requester.id, bodyEncrypted: await sealBody(db, requester, body), ...values })
        .returning({ id: whatsappMessages.id });
      return row;
    };
    const inbound = (text: string) =>
      store({ direction: "in", kind: "text", wamid: `wamid.${crypto.randomUUID()}`, status: "received" }, { direction: "in", content: { type: "text", text } });
    const typed = await inbound(`check ${identifier.slice(0, 6)} ${identifier.slice(6)}`);
    const untouched = await inbound("MENU");
    const summary = await store(
      { direction: "out", kind: "text", purpose: "report", enquiryId, dedupeKey: `${enquiryId}:summary`, status: "deferred" },
      { direction: "out", message: { type: "text", text: "Report ready: Thandi Mokoena, score 81/100" } },
    );
    if (!typed || !untouched || !summary) throw new Error("fixture messages not stored");

    const looked = await lookup(fixture.users.admin, { identifier });
    expect(looked.body).toMatchObject({ whatsapp: { messages: 2, applicantNumbers: [`•••• ${applicant.phoneLast4}`] } });

    const erased = await erase(fixture.users.admin, subjectId);
    expect(erased.body).toMatchObject({ whatsappContactsRemoved: 1, whatsappMessagesRedacted: 2 });

    expect(await db.select().from(whatsappContacts).where(eq(whatsappContacts.id, applicant.id))).toEqual([]);
    expect(await db.select().from(whatsappMessages).where(eq(whatsappMessages.contactId, applicant.id))).toEqual([]);
    const [applicantKey] = await db.select().from(dataKeys).where(eq(dataKeys.id, applicant.dataKeyId));
    expect(applicantKey?.destroyedAt).not.toBeNull();

    const bodyOf = async (id: string) => {
      const [row] = await db.select().from(whatsappMessages).where(eq(whatsappMessages.id, id));
      if (!row) throw new Error("message gone");
      return { status: row.status, body: await openBody(db, row.bodyEncrypted) };
    };
    expect(await bodyOf(typed.id)).toMatchObject({ body: { direction: "in", content: { type: "text", text: ERASED_MESSAGE_TEXT } } });
    expect(await bodyOf(summary.id)).toMatchObject({ status: "failed", body: { direction: "out", message: { type: "text", text: ERASED_MESSAGE_TEXT } } });
    expect(await bodyOf(untouched.id)).toMatchObject({ body: { direction: "in", content: { type: "text", text: "MENU" } } });
  });

  it("the retention sweep erases only subjects whose last enquiry ended longer ago than the period", async () => {
    const now = new Date();
    const longAgo = new Date(now.getTime() - 800 * DAY_MS);
    const backdate = async (enquiryId: string, subjectId: string) => {
      await db.update(enquiries).set({ createdAt: longAgo, updatedAt: longAgo, completedAt: longAgo }).where(eq(enquiries.id, enquiryId));
      await db.update(subjects).set({ createdAt: longAgo }).where(eq(subjects.id, subjectId));
    };
    const expired = await readyReport();
    await backdate(expired.enquiryId, expired.subjectId);
    const recent = await readyReport();
    // Old, but screened again since and still running: kept.
    const reused = await readyReport();
    await backdate(reused.enquiryId, reused.subjectId);
    const runningId = await insertEnquiry(db, fixture.users.landlord, "queued");
    const [running] = await db.select({ subjectId: enquiries.subjectId }).from(enquiries).where(eq(enquiries.id, runningId));
    await db.update(enquiries).set({ subjectId: reused.subjectId }).where(eq(enquiries.id, runningId));
    if (running) await db.update(subjects).set({ createdAt: now }).where(eq(subjects.id, running.subjectId));

    const result = await sweepExpiredSubjects(db, { now, retentionDays: 730 });
    expect(result).toMatchObject({ erased: 1, failed: 0, more: false });

    const state = async (id: string) => (await db.select().from(subjects).where(eq(subjects.id, id)))[0];
    const gone = await state(expired.subjectId);
    expect(gone?.erasedAt).not.toBeNull();
    expect(gone?.identifierIndex).toBe(`retired:${expired.subjectId}`);
    expect((await state(recent.subjectId))?.erasedAt).toBeNull();
    expect((await state(reused.subjectId))?.erasedAt).toBeNull();

    const [event] = (await auditOf(expired.subjectId)).filter((audit) => audit.action === "subject.erase");
    expect(event).toMatchObject({ actorType: "system", metadata: { reason: "retention-expired", retentionDays: 730 } });

    // Nobody asked us to forget them: the same person can be screened again, as a new subject, and the
    // lookup no longer finds the old one.
    const again = await registerSubject(db, { kind: "individual", identifierKind: "sa-id", identifier: expired.identifier });
    expect(again).toMatchObject({ created: true });
    expect(again.id).not.toBe(expired.subjectId);

    // A second run finds nothing more to do.
    expect(await sweepExpiredSubjects(db, { now, retentionDays: 730 })).toMatchObject({ erased: 0 });
  });
});

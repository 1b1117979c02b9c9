import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { cannedReplies, invitations, organisations, supportConversations, supportSharedReports, users } from "@/db/schema";
import { can, type Action } from "@/lib/auth/permissions";
import { createApiToken } from "@/lib/accounts/api-tokens";
import { startSession } from "@/lib/sessions/start-session";
import { insertEnquiry, insertReadyReport } from "../helpers/enquiry-fixtures";
import { freshSaIdNumber } from "../helpers/identity-numbers";
import {
  apiRequest,
  callRoute,
  createFixture,
  FIXTURE_USERS,
  sessionCookie,
  type Fixture,
  type FixtureUserKey,
  type RouteHandler,
} from "../helpers/app-fixtures";

type Caller = FixtureUserKey | "anonymous";
const CALLERS: Caller[] = ["anonymous", ...FIXTURE_USERS];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

interface Built {
  body?: unknown;
  params?: Record<string, string>;
  query?: string;
  headers?: Record<string, string>;
}

interface MatrixEntry {
  /** The permission the route declares; undefined = public. */
  permission?: Action;
  /** Callers who hold the permission but whose organisation does not own the target: 404, not 403. */
  notFoundFor?: Caller[];
  /** Deliberate exceptions to the permission rule, with the status they get. */
  overrides?: Partial<Record<Caller, number>>;
  build?: (context: { fixture: Fixture; db: Database; caller: Caller }) => Built | Promise<Built>;
}

const unique = () => crypto.randomUUID().slice(0, 8);

const attestedConsent = () => ({ method: "signed_form" as const, obtainedAt: new Date().toISOString(), confirmed: true as const });

/** An enquiry by the agency's Landlord: their colleague, other organisations and staff must not reach it. */
function landlordsEnquiry(db: Database, fixture: Fixture) {
  return insertEnquiry(db, fixture.users.landlord);
}

/** The Landlord's enquiry with its signed consent form attached. */
async function landlordsConsentForm(db: Database, fixture: Fixture) {
  const id = await landlordsEnquiry(db, fixture);
  const owner = fixture.users.landlord;
  const { uploadConsentForm } = await import("@/lib/consent/consent-form");
  const form = new File([new TextEncoder().encode("%PDF-1.4\n%%EOF\n")], "signed.pdf");
  await uploadConsentForm(db, { userId: owner.id, organisationId: owner.organisationId, role: owner.role, via: "session" }, { actorType: "system", channel: "system" }, id, () => Promise.resolve(form));
  return id;
}

let sharedReport: Promise<string> | undefined;
/** One ready report by the agency's Landlord, made once and reused by the read-only report routes. */
function landlordsReport(db: Database, fixture: Fixture) {
  sharedReport ??= insertReadyReport(db, fixture.users.landlord);
  return sharedReport;
}

const notOwners: Caller[] = ["landlord2", "solo", "otherManager", "otherLandlord"];

const everyone = (status: number): Partial<Record<Caller, number>> => Object.fromEntries(CALLERS.map((caller) => [caller, status]));

async function freshMember(db: Database, organisationId: string) {
  const [user] = await db
    .insert(users)
    .values({ organisationId, role: "landlord", name: "Target", email: `target-${unique()}@fixture.tenantlens.test`, passwordHash: "x" })
    .returning({ id: users.id });
  if (!user) throw new Error("no user");
  return user.id;
}

/** An open invitation of the fixture agency, sent by its Property Manager. */
async function freshInvitation(db: Database, fixture: Fixture) {
  const [invitation] = await db
    .insert(invitations)
    .values({
      organisationId: fixture.agencyId,
      email: `invitee-${unique()}@fixture.tenantlens.test`,
      role: "landlord",
      tokenHash: `matrix-${crypto.randomUUID()}`,
      invitedBy: fixture.users.manager.id,
      expiresAt: new Date(Date.now() + 60 * 60 * 1000),
    })
    .returning({ id: invitations.id });
  if (!invitation) throw new Error("no invitation");
  return invitation.id;
}

/** A linked WhatsApp number for callers who may have one, so their link routes have something to act on. */
async function linkedNumberFor(db: Database, fixture: Fixture, caller: Caller): Promise<Built> {
  if (caller === "anonymous" || !can(fixture.users[caller], "whatsapp:link")) return {};
  const { linkTestNumber } = await import("../helpers/whatsapp-fixtures");
  await linkTestNumber(db, fixture.users[caller].id);
  return {};
}

/** Customers other than the requester (their Property Manager included) never reach a conversation. */
const notRequesters: Caller[] = ["manager", "landlord2", "solo", "otherManager", "otherLandlord"];

let landlordsConversation: Promise<string> | undefined;
/** The agency Landlord's support conversation, reopened for every call (a staff PATCH may resolve it). */
async function supportConversationOf(db: Database, fixture: Fixture): Promise<string> {
  landlordsConversation ??= (async () => {
    const { startConversation } = await import("@/lib/support/start-conversation");
    const landlord = fixture.users.landlord;
    const started = await startConversation(db, { userId: landlord.id, organisationId: landlord.organisationId, role: landlord.role, via: "session" }, { actorType: "system", channel: "system" }, { message: "Matrix question", channel: "web" });
    return started.conversation.id;
  })();
  const id = await landlordsConversation;
  await db.update(supportConversations).set({ status: "open", resolvedAt: null, rating: null, ratedAt: null }).where(eq(supportConversations.id, id));
  return id;
}

async function sharedSupportReport(db: Database, fixture: Fixture): Promise<{ id: string; enquiryId: string }> {
  const id = await supportConversationOf(db, fixture);
  const enquiryId = await landlordsReport(db, fixture);
  await db
    .insert(supportSharedReports)
    .values({ conversationId: id, enquiryId, sharedBy: fixture.users.landlord.id })
    .onConflictDoUpdate({ target: [supportSharedReports.conversationId, supportSharedReports.enquiryId], set: { revokedAt: null } });
  return { id, enquiryId };
}

async function supportAttachment(db: Database, fixture: Fixture): Promise<string> {
  const id = await supportConversationOf(db, fixture);
  const { uploadAttachment } = await import("@/lib/support/attachments");
  const landlord = fixture.users.landlord;
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  const message = await uploadAttachment(db, { userId: landlord.id, organisationId: landlord.organisationId, role: landlord.role, via: "session" }, { actorType: "system", channel: "system" }, id, () =>
    Promise.resolve({ file: new File([png], "screen.png") }),
  );
  if (!message.attachment) throw new Error("no attachment");
  return message.attachment.id;
}

/** A data subject of its own for each call (an erasure cannot be repeated on the same one), with its number. */
async function freshSubject(db: Database): Promise<{ id: string; identifier: string }> {
  const { registerSubject } = await import("@/lib/subjects/register-subject");
  const identifier = freshSaIdNumber();
  const { id } = await registerSubject(db, { kind: "individual", identifierKind: "sa-id", identifier });
  return { id, identifier };
}

async function freshCannedReply(db: Database, fixture: Fixture): Promise<string> {
  const [row] = await db.insert(cannedReplies).values({ title: `Reply ${unique()}`, body: "We are looking into it.", createdBy: fixture.users.admin.id }).returning({ id: cannedReplies.id });
  if (!row) throw new Error("no canned reply");
  return row.id;
}

/**
 * Every route handler x every caller. A route file or method without an entry here fails the first
 * test, so a new endpoint cannot ship without its authorization being stated and checked.
 */
const MATRIX: Record<string, MatrixEntry | { framework: string }> = {
  "GET /api/health": {},
  "GET /api/dev/mail": {},
  "GET /api/auth/[...nextauth]": { framework: "Auth.js (csrf, session, providers): covered by the credentials sign-in tests" },
  "POST /api/auth/[...nextauth]": { framework: "Auth.js sign-in/sign-out: covered by the credentials sign-in tests" },
  "GET /api/inngest": { framework: "Inngest serve handler: requests are signed with INNGEST_SIGNING_KEY in production" },
  "POST /api/inngest": { framework: "Inngest serve handler: requests are signed with INNGEST_SIGNING_KEY in production" },
  "PUT /api/inngest": { framework: "Inngest serve handler: requests are signed with INNGEST_SIGNING_KEY in production" },
  "POST /api/auth/register": {
    build: () => ({ body: { name: "New", email: `new-${unique()}@fixture.tenantlens.test`, password: "Matrix-Karoo-Sunset-42", accountType: "landlord" } }),
  },
  "POST /api/auth/verify-email": { build: () => ({ body: { token: "not-a-real-token" } }) },
  "POST /api/auth/forgot-password": { build: () => ({ body: { email: `nobody-${unique()}@fixture.tenantlens.test` } }) },
  "POST /api/auth/reset-password": { build: () => ({ body: { token: "not-a-real-token", password: "Matrix-Karoo-Sunset-42" } }) },
  "POST /api/auth/confirm-email-change": { build: () => ({ body: { token: "not-a-real-token" } }) },
  "POST /api/invitations/accept": { build: () => ({ body: { token: "not-a-real-token", name: "X", password: "Matrix-Karoo-Sunset-42" } }) },
  "GET /api/account": { permission: "account:manage-own" },
  "PATCH /api/account": { permission: "account:manage-own", build: () => ({ body: { name: "Renamed" } }) },
  "POST /api/account/password": { permission: "account:manage-own", build: () => ({ body: { currentPassword: "wrong", newPassword: "Matrix-Karoo-Sunset-42" } }) },
  "POST /api/account/email": { permission: "account:manage-own", build: () => ({ body: { currentPassword: "wrong", newEmail: `moved-${unique()}@fixture.tenantlens.test` } }) },
  "POST /api/account/resend-verification": { permission: "account:manage-own" },
  "POST /api/account/mfa": { permission: "account:manage-own", build: () => ({ body: { currentPassword: "wrong" } }) },
  "DELETE /api/account/mfa": {
    permission: "account:manage-own",
    overrides: { agent: 403, admin: 403 }, // their roles require MFA, so they can never switch it off
    build: () => ({ body: { currentPassword: "wrong", code: "000000" } }),
  },
  "POST /api/account/mfa/confirm": { permission: "account:manage-own", build: () => ({ body: { code: "000000" } }) },
  "POST /api/account/sessions/revoke": { permission: "account:manage-own" },
  "GET /api/account/sessions": { permission: "account:manage-own" },
  "DELETE /api/account/sessions/[id]": {
    permission: "account:manage-own",
    build: async ({ fixture, db, caller }) => {
      // A second session of the caller's own (someone else's for the anonymous caller).
      const owner = caller === "anonymous" ? fixture.users.landlord : fixture.users[caller];
      const [row] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, owner.id));
      return { params: { id: await startSession(db, { id: owner.id, sessionVersion: row?.sv ?? 1 }, "matrix") } };
    },
  },
  "GET /api/account/tokens": { permission: "token:manage-own" },
  "POST /api/account/tokens": { permission: "token:manage-own", build: () => ({ body: { name: "CRM" } }) },
  "DELETE /api/account/tokens/[id]": {
    permission: "token:manage-own",
    build: async ({ fixture, db, caller }) => {
      // A token of the caller's own when they may have one; otherwise someone else's.
      const owner = caller !== "anonymous" && can(fixture.users[caller], "token:manage-own") ? fixture.users[caller] : fixture.users.landlord;
      const token = await createApiToken(db, { ...owner, userId: owner.id, via: "session" }, { actorType: "system", channel: "system" }, { name: "t" });
      return { params: { id: token.id } };
    },
  },
  "GET /api/organisation/members": { permission: "org:read-members" },
  "GET /api/organisation/invitations": { permission: "org:manage-members" },
  "POST /api/organisation/invitations": {
    permission: "org:manage-members",
    build: () => ({ body: { email: `invitee-${unique()}@fixture.tenantlens.test`, role: "landlord" } }),
  },
  "DELETE /api/organisation/invitations/[id]": {
    permission: "org:manage-members",
    notFoundFor: ["otherManager"],
    build: async ({ fixture, db }) => ({ params: { id: await freshInvitation(db, fixture) } }),
  },
  "POST /api/organisation/invitations/[id]/resend": {
    permission: "org:manage-members",
    notFoundFor: ["otherManager"],
    build: async ({ fixture, db }) => ({ params: { id: await freshInvitation(db, fixture) } }),
  },
  "PATCH /api/organisation/members/[id]": {
    permission: "org:manage-members",
    notFoundFor: ["otherManager"],
    build: async ({ fixture, db }) => ({ params: { id: await freshMember(db, fixture.agencyId) }, body: { role: "property_manager" } }),
  },
  "DELETE /api/organisation/members/[id]": {
    permission: "org:manage-members",
    notFoundFor: ["otherManager"],
    build: async ({ fixture, db }) => ({ params: { id: await freshMember(db, fixture.agencyId) } }),
  },
  "GET /api/admin/users": { permission: "user:manage", build: () => ({ query: "?q=fixture" }) },
  "POST /api/admin/users": {
    permission: "user:manage",
    build: () => ({ body: { name: "Staff", email: `staff-${unique()}@fixture.tenantlens.test`, role: "support_agent", password: "Matrix-Karoo-Sunset-42" } }),
  },
  "PATCH /api/admin/users/[id]": {
    permission: "user:manage",
    build: async ({ fixture, db }) => ({ params: { id: await freshMember(db, fixture.agencyId) }, body: { disabled: true } }),
  },
  "POST /api/admin/users/[id]/revoke-sessions": {
    permission: "user:manage",
    build: async ({ fixture, db }) => ({ params: { id: await freshMember(db, fixture.agencyId) } }),
  },
  "GET /api/admin/organisations": { permission: "org:manage-all" },
  "PATCH /api/admin/organisations/[id]": {
    permission: "org:manage-all",
    build: async ({ db }) => {
      const [organisation] = await db.insert(organisations).values({ name: `Target ${unique()}`, kind: "agency" }).returning({ id: organisations.id });
      return { params: { id: organisation?.id ?? "" }, body: { disabled: true } };
    },
  },
  "GET /api/admin/audit-events": { permission: "audit:read" },
  "POST /api/admin/privacy/subject-lookup": {
    permission: "privacy:handle-requests",
    build: async ({ db }) => ({ body: { identifier: (await freshSubject(db)).identifier } }),
  },
  "GET /api/admin/privacy/subjects/[id]/export": {
    permission: "privacy:handle-requests",
    build: async ({ db }) => ({ params: { id: (await freshSubject(db)).id } }),
  },
  "POST /api/admin/privacy/subjects/[id]/erase": {
    permission: "privacy:handle-requests",
    build: async ({ db }) => ({ params: { id: (await freshSubject(db)).id }, body: { reason: "data-subject-request", reference: "MATRIX-1" } }),
  },
  "POST /api/enquiries": {
    permission: "enquiry:create",
    build: () => ({ body: { subject: { type: "individual", idNumber: freshSaIdNumber() }, consent: attestedConsent() } }),
  },
  "GET /api/enquiries": { permission: "enquiry:read" },
  "GET /api/enquiries/[id]": {
    permission: "enquiry:read",
    notFoundFor: ["landlord2", "solo", "otherManager", "otherLandlord"],
    build: async ({ fixture, db }) => ({ params: { id: await landlordsEnquiry(db, fixture) } }),
  },
  "POST /api/enquiries/[id]/withdraw-consent": {
    permission: "enquiry:create",
    notFoundFor: ["landlord2", "solo", "otherManager", "otherLandlord"],
    build: async ({ fixture, db }) => ({ params: { id: await landlordsEnquiry(db, fixture) } }),
  },
  "POST /api/enquiries/[id]/consent-form": {
    permission: "enquiry:create",
    notFoundFor: ["landlord2", "solo", "otherManager", "otherLandlord"],
    build: async ({ fixture, db }) => ({ params: { id: await landlordsEnquiry(db, fixture) }, body: "--x--", headers: { "content-type": "multipart/form-data; boundary=x" } }),
  },
  "GET /api/enquiries/[id]/consent-form": {
    permission: "enquiry:read",
    notFoundFor: ["landlord2", "solo", "otherManager", "otherLandlord"],
    build: async ({ fixture, db }) => ({ params: { id: await landlordsConsentForm(db, fixture) } }),
  },
  // Public: the token is the credential, so an unknown token is 404 for everyone, signed in or not.
  "GET /api/consent/[token]": { overrides: everyone(404), build: () => ({ params: { token: "unknown-token-0000000000000000000000000" } }) },
  "POST /api/consent/[token]": {
    overrides: everyone(404),
    build: () => ({ params: { token: "unknown-token-0000000000000000000000000" }, body: { decision: "decline", noticeVersion: "2026-12-v1" } }),
  },
  "GET /api/reports/[id]": {
    permission: "report:read",
    notFoundFor: notOwners,
    build: async ({ fixture, db }) => ({ params: { id: await landlordsReport(db, fixture) } }),
  },
  "GET /api/reports/[id]/pdf": {
    permission: "report:download",
    notFoundFor: notOwners,
    build: async ({ fixture, db }) => ({ params: { id: await landlordsReport(db, fixture) } }),
  },
  "POST /api/reports/[id]/decision": {
    permission: "report:decide",
    notFoundFor: notOwners,
    build: async ({ fixture, db }) => ({ params: { id: await landlordsReport(db, fixture) }, body: { decision: "approved" } }),
  },
  "GET /api/reports/[id]/share-links": {
    permission: "report:read",
    notFoundFor: notOwners,
    build: async ({ fixture, db }) => ({ params: { id: await landlordsReport(db, fixture) } }),
  },
  "POST /api/reports/[id]/share-links": {
    permission: "report:read",
    notFoundFor: notOwners,
    build: async ({ fixture, db }) => ({ params: { id: await landlordsReport(db, fixture) }, body: { expiresInDays: 1 } }),
  },
  "DELETE /api/reports/[id]/share-links/[linkId]": {
    permission: "report:read",
    notFoundFor: notOwners,
    build: async ({ fixture, db }) => {
      const id = await landlordsReport(db, fixture);
      const owner = fixture.users.landlord;
      const { createShareLink } = await import("@/lib/reports/share-links");
      const link = await createShareLink(db, { userId: owner.id, organisationId: owner.organisationId, role: owner.role, via: "session" }, { actorType: "system", channel: "system" }, id, { expiresInDays: 1 });
      return { params: { id, linkId: link.id } };
    },
  },
  // Public, token-authorised: an unknown token is 404 for everyone.
  "GET /api/shared/[token]": { overrides: everyone(404), build: () => ({ params: { token: "unknown-token-0000000000000000000000000" } }) },
  "GET /api/shared/[token]/pdf": { overrides: everyone(404), build: () => ({ params: { token: "unknown-token-0000000000000000000000000" } }) },
  "GET /api/notifications": { permission: "account:manage-own" },
  // Meta's endpoints: the verify token and the body signature are the credentials, whoever calls.
  "GET /api/whatsapp/webhook": { overrides: everyone(403), build: () => ({ query: "?hub.mode=subscribe&hub.verify_token=not-the-token&hub.challenge=12345" }) },
  "POST /api/whatsapp/webhook": { overrides: everyone(401), build: () => ({ body: { object: "whatsapp_business_account", entry: [] }, headers: { "x-hub-signature-256": "sha256=00" } }) },
  "GET /api/account/whatsapp": { permission: "whatsapp:link" },
  "PATCH /api/account/whatsapp": { permission: "whatsapp:link", build: async ({ fixture, db, caller }) => ({ ...(await linkedNumberFor(db, fixture, caller)), body: { notifyWebEnquiries: true } }) },
  "DELETE /api/account/whatsapp": { permission: "whatsapp:link", build: async ({ fixture, db, caller }) => linkedNumberFor(db, fixture, caller) },
  "POST /api/account/whatsapp/link": { permission: "whatsapp:link", build: () => ({ body: { phone: "12" } }) },
  "POST /api/account/whatsapp/link/confirm": { permission: "whatsapp:link", build: () => ({ body: { code: "000000" } }) },
  "POST /api/account/whatsapp/link-code": { permission: "whatsapp:link" },
  "PUT /api/account/whatsapp/pin": { permission: "whatsapp:link", build: () => ({ body: { pin: "4831", currentPassword: "wrong" } }) },
  "GET /api/organisation/settings": { permission: "org:manage-settings" },
  "PATCH /api/organisation/settings": { permission: "org:manage-settings", build: () => ({ body: { reportReuseDays: 30 } }) },
  "POST /api/notifications/read": { permission: "account:manage-own" },
  "GET /api/support/conversations": { permission: "support:participate", build: () => ({ query: "?scope=all&status=open" }) },
  "POST /api/support/conversations": { permission: "support:converse", build: () => ({ body: { message: "Where is my report?" } }) },
  "GET /api/support/conversations/[id]": { permission: "support:participate", notFoundFor: notRequesters, build: async ({ fixture, db }) => ({ params: { id: await supportConversationOf(db, fixture) } }) },
  "PATCH /api/support/conversations/[id]": { permission: "support:reply", build: async ({ fixture, db }) => ({ params: { id: await supportConversationOf(db, fixture) }, body: { status: "pending" } }) },
  "GET /api/support/conversations/[id]/messages": { permission: "support:participate", notFoundFor: notRequesters, build: async ({ fixture, db }) => ({ params: { id: await supportConversationOf(db, fixture) } }) },
  "POST /api/support/conversations/[id]/messages": {
    permission: "support:participate",
    notFoundFor: notRequesters,
    build: async ({ fixture, db }) => ({ params: { id: await supportConversationOf(db, fixture) }, body: { body: "Any news?" } }),
  },
  "POST /api/support/conversations/[id]/read": { permission: "support:participate", notFoundFor: notRequesters, build: async ({ fixture, db }) => ({ params: { id: await supportConversationOf(db, fixture) } }) },
  "POST /api/support/conversations/[id]/rating": {
    permission: "support:converse",
    notFoundFor: notRequesters,
    build: async ({ fixture, db }) => ({ params: { id: await supportConversationOf(db, fixture) }, body: { rating: 5 } }),
  },
  "POST /api/support/conversations/[id]/attachments": {
    permission: "support:participate",
    notFoundFor: notRequesters,
    build: async ({ fixture, db }) => ({ params: { id: await supportConversationOf(db, fixture) }, body: "--x--", headers: { "content-type": "multipart/form-data; boundary=x" } }),
  },
  "POST /api/support/conversations/[id]/shared-reports": {
    permission: "support:converse",
    notFoundFor: notRequesters,
    build: async ({ fixture, db }) => ({ params: { id: await supportConversationOf(db, fixture) }, body: { enquiryId: await landlordsReport(db, fixture) } }),
  },
  "GET /api/support/conversations/[id]/shared-reports/[enquiryId]": { permission: "support:reply", build: async ({ fixture, db }) => ({ params: await sharedSupportReport(db, fixture) }) },
  "DELETE /api/support/conversations/[id]/shared-reports/[enquiryId]": { permission: "support:converse", notFoundFor: notRequesters, build: async ({ fixture, db }) => ({ params: await sharedSupportReport(db, fixture) }) },
  "GET /api/support/attachments/[id]": { permission: "support:participate", notFoundFor: notRequesters, build: async ({ fixture, db }) => ({ params: { id: await supportAttachment(db, fixture) } }) },
  "GET /api/support/canned-replies": { permission: "support:reply" },
  "POST /api/support/canned-replies": { permission: "support:manage-canned-replies", build: () => ({ body: { title: `Reply ${unique()}`, body: "Thanks for waiting." } }) },
  "PATCH /api/support/canned-replies/[id]": { permission: "support:manage-canned-replies", build: async ({ fixture, db }) => ({ params: { id: await freshCannedReply(db, fixture) }, body: { title: "Renamed" } }) },
  "DELETE /api/support/canned-replies/[id]": { permission: "support:manage-canned-replies", build: async ({ fixture, db }) => ({ params: { id: await freshCannedReply(db, fixture) } }) },
  "GET /api/support/stats": { permission: "support:view-stats" },
  "POST /api/realtime/auth": {
    permission: "account:manage-own",
    build: ({ fixture, caller }) => ({
      body: `socket_id=123.456&channel_name=private-user-${caller === "anonymous" ? "nobody" : fixture.users[caller].id}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
  },
};

const APP_API = path.resolve(import.meta.dirname, "../../app/api");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

async function discoverRoutes(): Promise<Array<{ key: string; handler: RouteHandler }>> {
  const found: Array<{ key: string; handler: RouteHandler }> = [];
  for (const file of routeFiles(APP_API)) {
    const routePath = "/api/" + path.relative(APP_API, path.dirname(file)).split(path.sep).join("/");
    const routeModule = (await import(file)) as Partial<Record<(typeof METHODS)[number], RouteHandler>>;
    for (const method of METHODS) {
      const handler = routeModule[method];
      if (handler) found.push({ key: `${method} ${routePath.replace(/\/$/, "")}`, handler });
    }
  }
  return found;
}

function expectedStatus(entry: MatrixEntry, caller: Caller, fixture: Fixture): "ok" | number {
  const override = entry.overrides?.[caller];
  if (override) return override;
  if (!entry.permission) return "ok";
  if (caller === "anonymous") return 401;
  if (!can(fixture.users[caller], entry.permission)) return 403;
  if (entry.notFoundFor?.includes(caller)) return 404;
  return "ok";
}

describe("authorization matrix", () => {
  let routes: Array<{ key: string; handler: RouteHandler }>;
  let fixture: Fixture;
  let db: Database;

  beforeAll(async () => {
    db = await getDb();
    fixture = await createFixture(db);
    routes = await discoverRoutes();
  });

  it("has an entry for every route handler, and no entry without one", () => {
    const discovered = routes.map((route) => route.key).sort();
    expect(discovered).toEqual(Object.keys(MATRIX).sort());
  });

  it("answers every caller exactly as its role and organisation allow", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const entry = MATRIX[route.key];
      if (!entry || "framework" in entry) continue;
      const [method, routePath = ""] = route.key.split(" ");
      for (const caller of CALLERS) {
        const built = (await entry.build?.({ fixture, db, caller })) ?? {};
        const params = built.params ?? {};
        const url = routePath.replace(/\[([^\]]+)\]/g, (_match, name: string) => params[name] ?? "missing") + (built.query ?? "");
        let cookie: string | undefined;
        if (caller !== "anonymous") {
          cookie = await sessionCookie(fixture.users[caller]);
        }
        const response = await callRoute(route.handler, apiRequest(url, { method, body: built.body, cookie, headers: built.headers }), params);
        const expected = expectedStatus(entry, caller, fixture);
        // "ok" means authorization let the call through: anything but a refusal or a crash (503 is a down dependency).
        const okay = expected === "ok" ? ![401, 403, 404, 500].includes(response.status) : response.status === expected;
        if (!okay) failures.push(`${route.key} as ${caller}: expected ${expected}, got ${response.status} ${await response.text()}`);
      }
    }
    expect(failures).toEqual([]);
    // Every route x every caller, each with its own setup: far more work than one ordinary test.
  }, 300_000);
});
